/** demo/dashboard.html's script: the dashboard on the page's own origin (/api is the service). */
import { keyFromUrl, mountDashboard } from './dashboard.js';

keyFromUrl();
mountDashboard(document.querySelector<HTMLElement>('#dashboard')!);
