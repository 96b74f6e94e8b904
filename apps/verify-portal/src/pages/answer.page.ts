import { formatBirthDateVi } from '@so-goc/domain';
import type { PublicDecisionRef } from '@so-goc/projections';
import type { LookupAnswer, LookupStatus, QueryKind, ShownDiploma } from '../lookup/lookup-answer';
import { html, type SafeHtml } from './html';
import { layout, type PageFrame } from './layout';
import { KIND_LABELS, statusText, UI, type Lang } from './texts';

const TONE: Record<LookupStatus, 'good' | 'bad' | 'neutral'> = {
  VALID: 'good',
  VALID_WITH_CORRECTIONS: 'good',
  REPLACED: 'bad',
  REVOKED: 'bad',
  NO_LONGER_VALID: 'bad',
  FORGED: 'bad',
  NOT_FOUND: 'neutral',
  NOT_PUBLIC: 'neutral',
};

const MARK: Record<'good' | 'bad' | 'neutral', string> = { good: '✔', bad: '✖', neutral: 'ℹ' };

export function answerPage(frame: Omit<PageFrame, 'title'>, answer: LookupAnswer, kind: QueryKind, checkedAt: Date): string {
  const t = UI[frame.lang];
  const text = statusText(frame.lang, answer.status, kind);
  const tone = TONE[answer.status];
  const body = html`
<h1>${kind === 'qr' ? t.qrTitle : t.resultTitle}</h1>
<section class="answer tone-${tone}" aria-labelledby="answer-title" data-status="${answer.status}">
<h2 id="answer-title"><span class="mark" aria-hidden="true">${MARK[tone]}</span>${text.title}</h2>
<p>${text.message}</p>
${answer.coverage ? html`<p data-coverage>${frame.lang === 'vi' ? answer.coverage.vi : answer.coverage.en}</p>` : ''}
${answer.copy ? html`<p data-copy="${answer.copy.copyNumber}"><strong>${t.copyOf(answer.copy.copyNumber, answer.diploma?.serial ?? '', date(answer.copy.issuedOn))}</strong></p>` : ''}
${decisions(frame.lang, answer)}
</section>
${answer.diploma ? facts(frame.lang, answer.diploma, kind) : ''}
<p class="note">${t.checkedAt(vietnamTime(checkedAt))}</p>
<p><a href="/">${t.another}</a></p>`;
  return layout({ ...frame, title: text.title }, body);
}

function decisions(lang: Lang, answer: LookupAnswer): SafeHtml | string {
  const t = UI[lang];
  const ref = (d: PublicDecisionRef) => t.decision(d.decisionNumber, date(d.decisionDate));
  if (answer.corrections && answer.corrections.length > 0) {
    return html`<h3>${t.corrections}</h3><ul class="decisions">${answer.corrections.map((d) => html`<li>${ref(d)}</li>`)}</ul>`;
  }
  if (answer.replacedBy)
    return html`<p><strong>${t.replacedBy}:</strong> ${t.replacement(answer.replacedBy.serial, ref(answer.replacedBy))}</p>`;
  if (answer.revocation) return html`<p><strong>${t.revocation}:</strong> ${ref(answer.revocation)}</p>`;
  return '';
}

function facts(lang: Lang, diploma: ShownDiploma, kind: QueryKind): SafeHtml {
  const t = UI[lang];
  const row = (label: string, value: string | undefined) => (value === undefined ? '' : html`<dt>${label}</dt><dd>${value}</dd>`);
  return html`<section class="card" aria-labelledby="facts-title">
<h2 id="facts-title">${t.details}</h2>
<dl class="facts">
${row(t.kind, KIND_LABELS[lang][diploma.kind] ?? diploma.kind)}
${row(t.serialShort, diploma.serial)}
${row(t.registerNumberShort, diploma.registerNumber)}
${row(t.fullName, diploma.holder?.fullName)}
${row(t.birthDate, diploma.holder && formatBirthDateVi(diploma.holder.birthDate))}
${row(t.birthPlace, diploma.holder?.birthPlace)}
${row(t.issuer, diploma.issuer.name)}
${row(t.issueDate, date(diploma.issueDate))}
</dl>
${kind === 'qr' ? html`<p class="note">${t.compareNote}</p>` : ''}
</section>`;
}

/** Dates read as printed on Vietnamese documents, in both languages. */
function date(iso: string): string {
  return formatBirthDateVi(iso);
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

function vietnamTime(at: Date): string {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}
