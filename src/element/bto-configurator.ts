/**
 * Registers `<bto-configurator>`. This is the file a merchant's script tag loads.
 */
import { BtoConfigurator } from './configurator.component.js';

export { BtoConfigurator };
export type { BtoChangeDetail, BtoCheckoutDetail, BtoErrorDetail } from './configurator.component.js';

if (!customElements.get('bto-configurator')) customElements.define('bto-configurator', BtoConfigurator);

declare global {
  interface HTMLElementTagNameMap {
    'bto-configurator': BtoConfigurator;
  }
}
