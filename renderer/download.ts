// Hands bytes the host sent to the browser as a file download (an <a download> on a blob URL), so
// the browser host never needs the renderer to name a path: the user's browser decides where.
export function saveDownload(name: string, base64: string, type = 'application/zip'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has handed the blob to the browser's download; free it once that is under way.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
