/**
 * The merchant dashboard against msw answers of /api/metrics and
 * /api/learning: the key form, the orders at risk on top, the charts drawn
 * (canvases), a refused key, and applying learned lead times.
 */
import { expect } from '@esm-bundle/chai';
import { KEY_STORAGE, mountDashboard } from '../../src/dashboard/dashboard.js';
import { startWorker, worker } from '../msw/browser.js';
import { MERCHANT_KEY, merchantService } from '../msw/dashboard.js';

const today = () => new Date('2026-11-30T10:00:00Z');
let root: HTMLElement;
const text = (node: Element | null): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function submitKey(key: string): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('input[name="key"]')!;
  input.value = key;
  root.querySelector<HTMLFormElement>('form.key-form')!.requestSubmit();
}

describe('merchant dashboard', () => {
  before(() => startWorker());
  beforeEach(() => {
    sessionStorage.removeItem(KEY_STORAGE);
    root = document.createElement('main');
    document.body.append(root);
  });
  afterEach(() => {
    worker.resetHandlers();
    root.remove();
    sessionStorage.removeItem(KEY_STORAGE);
  });

  it('asks for the key, keeps it in sessionStorage, then shows the orders at risk on top and draws every chart', async () => {
    worker.use(...merchantService().handlers);
    const dash = mountDashboard(root, { today });
    await dash.loaded;
    expect(root.querySelector('label[for="key"]')).to.not.equal(null);
    expect(root.querySelector('canvas')).to.equal(null);

    await submitKey(MERCHANT_KEY);
    await dash.loaded;
    expect(sessionStorage.getItem(KEY_STORAGE)).to.equal(MERCHANT_KEY);

    // The first section after the header is the at-risk table, soonest promise first.
    const first = root.querySelector('section')!;
    expect(first.classList.contains('at-risk')).to.equal(true);
    expect(text(first.querySelector('h2'))).to.equal('Orders at risk 2');
    const rows = [...first.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map(text));
    expect(rows).to.deep.equal([
      ['o_soonest', 'desk', '2026-12-02', '2'],
      ['o_later', 'desk', '2026-12-09', '9'],
    ]);

    expect(text(root.querySelector('.kpi .value'))).to.equal('92.5 %');
    const canvases = [...root.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')];
    expect(canvases.map((c) => c.dataset.chart)).to.deep.equal(['on-time', 'lead-time', 'variability', 'suppliers', 'popularity']);
    for (const c of canvases) {
      expect(c.width, c.dataset.chart).to.be.greaterThan(0);
      expect(c.getAttribute('role')).to.equal('img');
    }
    const { Chart } = await import('chart.js');
    expect(canvases.every((c) => Chart.getChart(c) !== undefined)).to.equal(true);
    expect(Chart.getChart(canvases[0])!.data.datasets[0].data).to.deep.equal([100, 90, 91.7, 87.5]);
    // Option popularity: configured, bought and clashed per option, and the pairs that clash most.
    const popularity = Chart.getChart(canvases[4])!.data;
    expect(popularity.datasets.map((d) => d.label)).to.deep.equal(['Configured (quotes)', 'Bought (orders)', 'Clashed (refused quotes)']);
    expect(popularity.datasets[2].data).to.deep.equal([0, 5, 5]);
    expect([...root.querySelectorAll('.clash-most li')].map(text)).to.deep.equal(['frame=basic ↔ top=walnut 5 refusals']);
  });

  it('a refused key: says so, forgets it and asks again', async () => {
    worker.use(...merchantService().handlers);
    sessionStorage.setItem(KEY_STORAGE, 'bto_wrong');
    const dash = mountDashboard(root, { today });
    await dash.loaded;
    expect(text(root.querySelector('[role="alert"]'))).to.match(/did not accept this key/);
    expect(sessionStorage.getItem(KEY_STORAGE)).to.equal(null);
    expect(root.querySelector('input[name="key"]')).to.not.equal(null);
  });

  it('shows the learned lead times with their effect and applies them with one button', async () => {
    const service = merchantService();
    worker.use(...service.handlers);
    sessionStorage.setItem(KEY_STORAGE, MERCHANT_KEY);
    const dash = mountDashboard(root, { today });
    await dash.loaded;
    const learning = root.querySelector('section.learning')!;
    expect(text(learning.querySelector('tbody tr'))).to.equal(
      'Part top-walnut (10) 6 + 2 d 8 + 4 d latest promise +4 workdays; covers 60 % → 100 % of past arrivals',
    );
    const button = learning.querySelector('button')!;
    expect(text(button)).to.equal('Apply 1 correction to desk');
    button.click();
    await dash.loaded;
    expect(service.applied).to.deep.equal([{ products: ['desk'] }]);
    expect(text(root.querySelector('.notice'))).to.equal('Applied 1 correction to desk: new quotes use them from now on.');
    expect(text(root.querySelector('section.learning .ok'))).to.match(/^Nothing to correct/);
  });
});
