/** Saves a file the panel already holds (a PDF or JSON fetched with the admin token) under this name. */
export const saveBlob = (blob: Blob, filename: string) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Chromium reads the object URL after the click returns: free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** Today's date as YYYY-MM-DD in the admin's time zone, for file names. */
export const fileDate = (d = new Date()) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
