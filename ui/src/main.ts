import { mount } from 'svelte';
import './app.css';

// Start-up marks, read by `make bench` (bench/launch.mjs) beside the shell's.
performance.mark('loket:script');
const target = document.getElementById('app');
if (!target) throw new Error('elemen #app tidak ada');
// The kiosk window shows the kiosk's screens whatever its address says (a
// page sent to `index.html` without `#kiosk` is still the kiosk); what it may
// call is set by its own capability, not by this choice. Each window loads
// only its own screens.
const { windowLabel } = await import('./lib/api');
const { default: Root } =
  windowLabel() === 'kiosk' ? await import('./screens/kiosk/Kiosk.svelte') : await import('./App.svelte');
const app = mount(Root, { target });
performance.mark('loket:mounted');
export default app;
