// Strings of the connection, integrity and permission failures (issue 16): the host gone or
// restarted, a full disk, a read-only archive, a damaged row. Merged into shared/i18n.ts as
// `security`; zh-CN uses full-width punctuation.

export const securityEn = {
  offline: 'Galley’s host cannot be reached. Your edits are kept in this tab and saved as soon as it is back; retrying…',
  unauthorized:
    'The host was restarted with a new key and no longer knows this tab. Open the address it printed in this tab (your unsaved edits are kept).',
  reconnected: 'Connected again; your edits are saved.',
  diskFull:
    'The disk holding the archive is full. Free some space (empty the trash, move old exports or backups elsewhere); your edit is kept in this tab and saved as soon as there is room.',
  readOnly: 'The archive cannot be written (read-only file or folder). Your edit is kept in this tab but cannot be saved.',
  readOnlyBanner: 'Read only: this archive ({{path}}) can be read but not changed. Make the file writable, or open a copy, and start Galley again.',
  damaged:
    'The archive is damaged ({{what}}); Galley did not use that data. Restore your last backup with: galley restore BACKUP_FILE --archive {{path}}',
  damagedRevision: 'revision {{revision}} of page {{page}}',
  damagedLogEntry: 'revision log entry {{id}}',
  damagedPage: 'the text of page {{page}}',
  damagedItem: 'item {{id}} of page {{page}}',
  damagedItemSet: 'the item set of page {{page}}: {{expected}} items expected, {{found}} found',
  damagedItemSetMissing: 'the item set of page {{page}}: no checksum record, {{found}} items found',
  exportFolder: 'Exports are written to the export folder {{folder}} (in the desktop app also to a folder chosen with Choose…); other folders are not accepted.',
  handleExpired: 'Those dropped files are no longer known to Galley; drop them again.',
};

export const securityZh: typeof securityEn = {
  offline: '无法连接 Galley 主机。您的修改保留在此标签页中，主机恢复后会立即保存；正在重试……',
  unauthorized: '主机已用新密钥重新启动，不再识别此标签页。请在此标签页中打开主机输出的地址（未保存的修改会保留）。',
  reconnected: '已重新连接，您的修改已保存。',
  diskFull: '存放档案的磁盘已满。请释放一些空间（清空回收站，把旧的导出或备份移到别处）；您的修改保留在此标签页中，有空间后会立即保存。',
  readOnly: '档案无法写入（文件或文件夹为只读）。您的修改保留在此标签页中，但无法保存。',
  readOnlyBanner: '只读：此档案（{{path}}）可以查看但不能修改。请使文件可写或打开一个副本，然后重新启动 Galley。',
  damaged: '档案已损坏（{{what}}）；Galley 没有使用这些数据。请用以下命令恢复最近的备份：galley restore BACKUP_FILE --archive {{path}}',
  damagedRevision: '第 {{page}} 版的第 {{revision}} 次修订',
  damagedLogEntry: '修订记录 {{id}}',
  damagedPage: '第 {{page}} 版的文本',
  damagedItem: '第 {{page}} 版的条目 {{id}}',
  damagedItemSet: '第 {{page}} 版的条目集合：应有 {{expected}} 条，实有 {{found}} 条',
  damagedItemSetMissing: '第 {{page}} 版的条目集合：缺少校验记录，实有 {{found}} 条',
  exportFolder: '导出文件只写入导出文件夹 {{folder}}（桌面版也可写入用“选择……”选定的文件夹）；不接受其他文件夹。',
  handleExpired: 'Galley 已不再记得这些拖入的文件，请重新拖入。',
};
