// Saves bytes the engine sent (base64) as a file, through a short-lived Blob URL: no
// data leaves the console, and the URL is revoked once the download has started.

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function downloadBytes(bytes: Uint8Array<ArrayBuffer> | string, filename: string, contentType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the URL by the next task; keeping it longer would only leak.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
