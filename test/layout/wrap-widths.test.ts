import { sizeNode, wrapWidths } from '../../src/layout/sizes.js';

describe('wrap widths by direction', () => {
  it('gives an LR decision fewer, longer lines than its own 130 px (a rank across LR is as tall as its nodes)', () => {
    const label = 'Utilization Changed > UtilizationThreshold?';
    const lr = sizeNode('diamond', label, wrapWidths(true).node('diamond'));
    // At 130 px: 'Utilization / Changed > / Utilization / Threshold?', a 182 x 170 diamond.
    expect(lr.lines).toEqual(['Utilization Changed >', 'UtilizationThreshold?']);
    expect(lr.height).toBeLessThan(100);
  });

  it("keeps the other shapes' own widths in LR, and wider lines in TB", () => {
    expect(wrapWidths(true).node('rectangle')).toBe(170);
    expect(wrapWidths(false).node('rectangle')).toBe(220);
    expect(wrapWidths(false).node('diamond')).toBe(200);
  });
});
