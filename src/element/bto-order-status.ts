/**
 * Registers `<bto-order-status>`: the shopper's order tracking element, a
 * separate script from `<bto-configurator>` (a status page needs no rules
 * engine).
 */
import { BtoOrderStatus } from './order-status/order-status.component.js';

export { BtoOrderStatus };
export type { BtoStatusDetail, BtoStatusErrorDetail, StatusFailure } from './order-status/order-status.component.js';
export type { OrderStatusBody } from '../orders/status.js';

if (!customElements.get('bto-order-status')) customElements.define('bto-order-status', BtoOrderStatus);

declare global {
  interface HTMLElementTagNameMap {
    'bto-order-status': BtoOrderStatus;
  }
}
