import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly targets: string[];
}

/**
 * One console screen as an office sees it: screenshotted at 1366×768 and on a 390-px-wide phone (full
 * page) into `dir`, then checked with axe-core; returns the serious and critical findings (others are logged).
 */
export async function screenAndAxe(page: Page, dir: string, file: string): Promise<AxeViolation[]> {
  await page.screenshot({ path: join(dir, `${file}-1366.png`), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(dir, `${file}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const runner = (
      globalThis as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const result = await runner.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => String(n.target[0])) }));
  });
  if (violations.length > 0)
    console.log(`axe on ${file}: ${violations.map((v) => `${v.id} (${v.impact}) ${v.targets.join(' ')}`).join(', ')}`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The label, aria-label and text of whatever has the focus, read in the page. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el) return '';
    const label = el.id ? (document.querySelector('label[for="' + el.id + '"]')?.textContent ?? '') : '';
    return (label + ' ' + (el.getAttribute('aria-label') ?? '') + ' ' + (el.textContent ?? '')).trim();
  })()`);
}

/** Tabs forward from where the focus is until the focused element answers to `name`, as a keyboard user would. */
export async function tabTo(page: Page, name: RegExp, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`Tab never reached ${name} on ${page.url()}`);
}
