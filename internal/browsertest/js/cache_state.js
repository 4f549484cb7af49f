// The state of the app's service worker and of the cache named name: -1
// while no activated worker controls the page, -2 while the cache does not
// exist, else how many entries the cache holds.
async (name) => {
  const reg = await navigator.serviceWorker.getRegistration();
  if (!reg || !reg.active || reg.active.state !== "activated" || !navigator.serviceWorker.controller) return -1;
  if (!(await caches.has(name))) return -2;
  return (await (await caches.open(name)).keys()).length;
}
