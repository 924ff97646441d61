// electron-builder afterPack hook (electron-builder.yml: afterPack): flips Electron's fuses in the
// packaged binary before it is signed, so the shipped app cannot be turned into a plain Node
// runtime or debugged from outside:
//   RunAsNode off                          ELECTRON_RUN_AS_NODE does nothing
//   EnableNodeOptionsEnvironmentVariable   NODE_OPTIONS is ignored
//   EnableNodeCliInspectArguments off      --inspect and friends are ignored
//   OnlyLoadAppFromAsar on                 only the packaged app.asar is loaded
//   EnableCookieEncryption on              the session's cookie store is encrypted at rest
//   GrantFileProtocolExtraPrivileges off   file:// gets no special powers (we serve galley://)
// Asar integrity validation is left to electron-builder's own setting (macOS and Windows only).
'use strict';
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

const GALLEY_FUSES = Object.freeze({
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/** The packaged Electron binary of this build (where its fuse wire lives). */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  const binary = electronBinary(context);
  // Apple silicon builds must be re-signed ad hoc after their bytes change.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3; /* Arch.arm64 */
  await flipFuses(binary, { ...GALLEY_FUSES, resetAdHocDarwinSignature });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.GALLEY_FUSES = GALLEY_FUSES;
module.exports.electronBinary = electronBinary;
