import { formatBytes, formatNumber } from '../ui/format';
import { type KnownProperty, type MappedColumn, TYPE_LABELS, checkPreview, describeTarget } from './column-mapping';
import type { PickedFile } from './FileStep';
import type { ImportWizardChoicesQuery } from './ImportWizardPage.generated';
import { CONFLICT_CHOICES, type ImportOptions } from './OptionsStep';
import './imports.css';

type Choices = ImportWizardChoicesQuery;

/** Step 4: everything that will happen, in one place, before the upload starts. */
export function ReviewStep({ picked, columns, known, options, choices }: { picked: PickedFile; columns: MappedColumn[]; known: KnownProperty[]; options: ImportOptions; choices: Choices | undefined }) {
  const { file, sniffed } = picked;
  const imported = columns.filter((c) => c.included && c.target);
  const skipped = columns.filter((c) => !c.included);
  const created = imported.flatMap((c) => (c.target?.kind === 'newProperty' ? [c.target] : []));
  const preview = checkPreview(columns, sniffed.headers.length, sniffed.rows, known);
  const segmentNames = options.segmentIds.map((id) => choices?.segments.edges.find((e) => e.node.id === id)?.node.name ?? id);
  const topicLines = Object.entries(options.topics).map(([id, subscription]) => {
    const name = choices?.topics.edges.find((e) => e.node.id === id)?.node.name ?? id;
    return `${name}: ${subscription === 'OPT_IN' ? 'opt in' : 'opt out'}`;
  });
  const conflict = CONFLICT_CHOICES.find((c) => c.value === options.onConflict)!;
  const rows = sniffed.complete ? formatNumber(sniffed.rowEstimate) : `about ${formatNumber(sniffed.rowEstimate)}`;
  return (
    <dl className="card imp-review">
      <div>
        <dt>File</dt>
        <dd>
          {file.name}
          <span className="muted">
            {' '}
            · {formatBytes(file.size)} · {rows} rows
          </span>
        </dd>
      </div>
      <div>
        <dt>Columns imported</dt>
        <dd>
          <ul className="imp-plain">
            {imported.map((c) => (
              <li key={c.header}>
                <span className="imp-mono">{c.header}</span> → {describeTarget(c.target!, known)}
              </li>
            ))}
          </ul>
        </dd>
      </div>
      {skipped.length > 0 && (
        <div>
          <dt>Columns left out</dt>
          <dd>{skipped.map((c) => c.header).join(', ')}</dd>
        </div>
      )}
      {created.length > 0 && (
        <div>
          <dt>New properties</dt>
          <dd>
            {created.map((t) => `${t.key} (${TYPE_LABELS[t.type]})`).join(', ')}
            <span className="hint imp-block">Created for the whole team when the import starts.</span>
          </dd>
        </div>
      )}
      <div>
        <dt>Segments</dt>
        <dd>{segmentNames.length > 0 ? segmentNames.join(', ') : <span className="muted">None</span>}</dd>
      </div>
      <div>
        <dt>Topics</dt>
        <dd>{topicLines.length > 0 ? topicLines.join(', ') : <span className="muted">Left as they are</span>}</dd>
      </div>
      <div>
        <dt>Existing contacts</dt>
        <dd>
          {conflict.label}
          <span className="hint imp-block">{conflict.explain}</span>
        </dd>
      </div>
      {preview.rows > 0 && (
        <div>
          <dt>Preview check</dt>
          <dd>
            {preview.failing === 0 ? (
              <span className="badge ok">The first {formatNumber(preview.rows)} rows look importable</span>
            ) : (
              <span className="badge warn">
                {formatNumber(preview.failing)} of the first {formatNumber(preview.rows)} rows would fail
              </span>
            )}
            {preview.failing > 0 && <span className="hint imp-block">They will be listed after the import with the reason, ready to download and fix.</span>}
          </dd>
        </div>
      )}
    </dl>
  );
}
