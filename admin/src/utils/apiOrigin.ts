/**
 * Where the API answers. Strapi sets backendURL for every admin build (falling back to the page's own
 * origin), and it differs from the page's origin when the admin is hosted elsewhere.
 */
export const apiOrigin = () => {
  const backend = (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL;
  return (backend || window.location.origin).replace(/\/+$/, '');
};
