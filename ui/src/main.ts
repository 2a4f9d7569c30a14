import { mount } from 'svelte';
import App from './App.svelte';
import Kiosk from './screens/kiosk/Kiosk.svelte';
import './app.css';

// Start-up marks, read by `make bench` (bench/launch.mjs) beside the shell's.
performance.mark('loket:script');
const target = document.getElementById('app');
if (!target) throw new Error('elemen #app tidak ada');
// The kiosk window opens on `index.html#kiosk`; what it may call is set by
// its own capability, not by this choice.
const app = mount(location.hash === '#kiosk' ? Kiosk : App, { target });
performance.mark('loket:mounted');
export default app;
