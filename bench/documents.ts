import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderDocx } from '../main/services/documents/docxRenderer';
import { renderPdf } from '../main/services/documents/pdfRenderer';
import { buildDocument } from '../shared/documents/build';
import { caseRecordSchema } from '../shared/domain/case';
import { bigCase } from './workspace';
import { ms } from './stats';

/** A large case for the response: 20 points, 150 chronology entries, 15 interviews. */
function largeCase() {
  const { record } = bigCase(7);
  const points = Array.from({ length: 20 }, (_x, k) => ({ id: `point-${k + 1}`, number: k + 1, summary: `Point ${k + 1}: ${String(record.points?.[k % 12]?.summary)}`, desiredOutcomes: ['An explanation and an apology'] }));
  const people = Array.from({ length: 16 }, (_x, k) => ({ id: `person-${k}`, name: `Person ${k}`, kind: 'staff' as const, role: 'Social worker', pseudonym: `Social Worker ${k + 1}` }));
  const interviews = Array.from({ length: 15 }, (_x, k) => ({ ...record.interviews![k % 12]!, id: `interview-${k}`, personId: `person-${k}`, pointIds: [`point-${(k % 20) + 1}`] }));
  const chronology = record.chronology!.slice(0, 150).map((c, k) => ({ ...c, pointIds: [`point-${(k % 20) + 1}`] }));
  const evidence = record.evidence!.map((e, k) => ({ ...e, pointIds: [`point-${(k % 20) + 1}`], extracts: e.extracts!.map((x) => ({ ...x, pointIds: [`point-${(k % 20) + 1}`] })) }));
  const findings = Object.fromEntries(points.map((p, k) => [p.id, { ...Object.values(record.findings!)[k % 12]!, finding: 'partially upheld' as const }]));
  return caseRecordSchema.parse({ ...record, points, people, interviews, chronology, evidence, findings, recommendations: [{ id: 'r1', text: 'Review placement planning', pointIds: ['point-1'] }] });
}

export async function benchDocuments(): Promise<string[]> {
  const r = largeCase();
  const kinds = ['investigation-report', 'ip-report', 'adjudication-letter'] as const;
  const models = kinds.flatMap((k) => (['complainant', 'council'] as const).map((v) => buildDocument(k, r, { today: '2026-11-27', variant: v, draft: { version: 1 } })));
  const time = async (fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    return performance.now() - s;
  };
  await renderPdf(models[0]!); // load fonts once, as a running app would have
  let docxBytes = 0;
  let pdfBytes = 0;
  const docx = await time(async () => {
    for (const m of models) docxBytes += (await renderDocx(m)).length;
  });
  const pdf = await time(async () => {
    for (const m of models) pdfBytes += (await renderPdf(m)).length;
  });
  const reportPdf = await renderPdf(models[1]!);
  const pages = Number(/\/Count (\d+)/.exec(reportPdf.toString('latin1'))?.[1] ?? 0);
  const lines = [
    '## The Stage 2 response as Word and PDF',
    '',
    `A large case: 20 points, 150 chronology entries, 15 interviews of ~3,000 words, 100 documents. The whole response is the investigation report, the IP report and the adjudication letter, each in both versions (6 documents; the council's report alone is ${pages} pages).`,
    '',
    '| measure | figure |',
    '|---|---|',
    `| the whole response as Word (6 files, ${(docxBytes / 1024).toFixed(0)} KB) | ${ms(docx)} |`,
    `| the whole response as PDF (6 files, ${(pdfBytes / 1024).toFixed(0)} KB) | ${ms(pdf)} |`,
  ];
  if (spawnSync('sh', ['-c', 'command -v soffice']).status === 0) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-bench-lo-'));
    try {
      const files = await Promise.all(models.map(async (m, i) => {
        const f = path.join(dir, `doc-${i}.docx`);
        fs.writeFileSync(f, await renderDocx(m));
        return f;
      }));
      const lo = (list: string[]) => execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, ...list], { stdio: 'pipe', timeout: 600_000 });
      lo([files[0]!]); // first start of LibreOffice makes its profile; not counted
      const s = performance.now();
      lo(files);
      const loMs = performance.now() - s;
      lines.push(`| LibreOffice converting the same 6 DOCX files to PDF (one soffice run, profile already made) | ${ms(loMs)} |`);
      lines.push(`| ratio: LibreOffice ÷ Casewright's own PDF renderer | ${(loMs / pdf).toFixed(1)}× |`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else {
    lines.push('| LibreOffice comparison | not run: LibreOffice is not installed here |');
  }
  lines.push('');
  return lines;
}
