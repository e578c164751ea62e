/**
 * The engine is isomorphic: the same loader and engine run in the shopper's
 * browser. This drives them in Chromium on the example desk.
 */
import { expect } from '@esm-bundle/chai';
import { loadRules } from '../../src/rules/load.js';

describe('rules engine in the browser', () => {
  it('loads the desk from its YAML and answers like in Node', async () => {
    const text = await (await fetch('/rules/desk.yaml')).text();
    const { model, engine, problems } = loadRules(text, 'desk.yaml');
    expect(problems.filter((p) => p.severity === 'error')).to.deep.equal([]);
    expect(model?.product.id).to.equal('desk');
    const ev = engine!.evaluate({ frame: 'basic' }, { explain: true });
    expect(ev.valid).to.equal(true);
    expect(ev.modules.top.options.walnut.available).to.equal(false);
    expect(ev.modules.top.options.walnut.because?.selections.map((s) => s.module)).to.deep.equal(['frame']);
    expect(ev.modules.width.range?.max).to.equal(160);
    const res = engine!.resolve({ frame: 'basic' }, 'top', 'walnut')!;
    expect(res.selection).to.deep.equal({ top: 'walnut' });
    expect(res.configuration.frame).to.equal('pro');
  });

  it('reports a broken file with line and column', () => {
    const { model, problems } = loadRules('product: { id: x, name: X, currency: EUR, basePrice: 1 }\nmodules:\n  a:\n    lable: A\n', 'x.yaml');
    expect(model).to.equal(undefined);
    expect(problems.length).to.be.greaterThan(0);
    const typo = problems.find((p) => p.message.includes('lable'));
    expect(typo?.line).to.equal(4);
    expect(typo?.column).to.equal(5);
  });
});

describe('rules engine under a strict Content-Security-Policy', () => {
  it('loads, evaluates and resolves with eval and new Function forbidden', async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "script-src 'self' 'unsafe-inline'";
    document.head.append(meta);
    // The policy is in force: code generation from strings is refused.
    expect(() => new Function('return 1')).to.throw();
    const text = await (await fetch('/rules/pc.yaml')).text();
    const { engine, problems } = loadRules(text, 'pc.yaml');
    expect(problems.filter((p) => p.severity === 'error')).to.deep.equal([]);
    const ev = engine!.evaluate({}, { explain: true });
    expect(ev.valid).to.equal(true);
    const anyUnavailable = Object.entries(ev.modules).find(([, m]) => Object.values(m.options).some((o) => !o.available));
    expect(ev.complete || anyUnavailable !== undefined).to.equal(true);
  });
});
