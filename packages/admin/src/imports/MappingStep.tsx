import { useId, useMemo } from 'react';
import type { PropertyType } from '../gql/types';
import { formatNumber } from '../ui/format';
import {
  FIELD_LABELS,
  type KnownProperty,
  type MappedColumn,
  TYPE_LABELS,
  checkColumn,
  checkPreview,
  samplesOf,
  setIncluded,
  setTarget,
  targetFromValue,
  targetValue,
} from './column-mapping';
import './imports.css';

const FIELDS = ['email', 'firstName', 'lastName', 'unsubscribed'] as const;
const TYPES: PropertyType[] = ['STRING', 'NUMBER', 'BOOLEAN'];

/** Step 2: for each column, whether to import it and as what, with the sample values checked. */
export function MappingStep({
  columns,
  rows,
  headerCount,
  known,
  issues,
  onChange,
}: {
  columns: MappedColumn[];
  rows: string[][];
  headerCount: number;
  known: KnownProperty[];
  /** Messages per column index; null-keyed ones concern the mapping as a whole. */
  issues: Map<number | null, string[]>;
  onChange(columns: MappedColumn[]): void;
}) {
  const preview = useMemo(() => checkPreview(columns, headerCount, rows, known), [columns, headerCount, rows, known]);
  const included = columns.filter((c) => c.included).length;
  return (
    <div className="stack">
      <p className="muted imp-lead">
        Tick the columns to import and choose what each one becomes. The choices are suggested from the column names, their values and your past imports; the sample values are
        checked against the rules the import applies.
      </p>
      <div className="imp-mapping-summary" aria-live="polite">
        <span>
          <strong>{formatNumber(included)}</strong> of {formatNumber(columns.length)} columns will be imported.
        </span>
        {rows.length > 0 && <PreviewVerdict preview={preview} />}
      </div>
      {(issues.get(null) ?? []).map((message) => (
        <p key={message} className="error-notice" role="alert">
          {message}
        </p>
      ))}
      <ul className="imp-columns" aria-label="Columns of the file">
        {columns.map((column, at) => (
          <ColumnRow
            key={column.header}
            column={column}
            rows={rows}
            known={known}
            issues={issues.get(at) ?? []}
            onInclude={(on) => onChange(setIncluded(columns, at, on))}
            onTarget={(value) => {
              const target = targetFromValue(value, column);
              if (target) onChange(setTarget(columns, at, target));
            }}
            onNewProperty={(key, type) => onChange(setTarget(columns, at, { kind: 'newProperty', key, type }))}
          />
        ))}
      </ul>
    </div>
  );
}

function PreviewVerdict({ preview }: { preview: ReturnType<typeof checkPreview> }) {
  const checked = `the first ${formatNumber(preview.rows)} row${preview.rows === 1 ? '' : 's'}`;
  if (preview.failing === 0 && preview.duplicates === 0) return <span className="badge ok">All of {checked} look importable</span>;
  return (
    <details className="imp-verdict">
      <summary>
        <span className="badge warn">
          {preview.failing > 0 && `${formatNumber(preview.failing)} of ${checked} would fail`}
          {preview.failing > 0 && preview.duplicates > 0 && ' · '}
          {preview.duplicates > 0 && `${formatNumber(preview.duplicates)} repeat an email and would be skipped`}
        </span>
      </summary>
      <p className="hint">Rows that fail are not imported; after the import they are listed with the reason, and you can download them to fix and import again.</p>
      <ul className="imp-examples">
        {preview.examples.map((e) => (
          <li key={e.rowNumber}>
            Row {formatNumber(e.rowNumber)}: {e.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

function ColumnRow({
  column,
  rows,
  known,
  issues,
  onInclude,
  onTarget,
  onNewProperty,
}: {
  column: MappedColumn;
  rows: string[][];
  known: KnownProperty[];
  issues: string[];
  onInclude(on: boolean): void;
  onTarget(value: string): void;
  onNewProperty(key: string, type: PropertyType): void;
}) {
  const id = useId();
  const name = `"${column.header}"`;
  const isEmail = column.target?.kind === 'email';
  const samples = samplesOf(column, rows);
  const check = checkColumn(column, rows, known);
  const target = column.target;
  return (
    <li className={['imp-column', column.included ? '' : 'excluded', issues.length > 0 ? 'invalid' : ''].join(' ').trim()}>
      <div className="imp-column-source">
        <input
          id={`${id}-include`}
          type="checkbox"
          checked={column.included}
          disabled={isEmail}
          aria-label={`Import column ${name}`}
          aria-describedby={isEmail ? `${id}-email-hint` : undefined}
          onChange={(e) => onInclude(e.target.checked)}
        />
        <div className="imp-column-text">
          <label htmlFor={`${id}-include`} className="imp-column-header">
            {column.header}
          </label>
          <span className="imp-samples muted">{samples.length > 0 ? samples.join(' · ') : 'no values in the first rows'}</span>
          {isEmail && (
            <span id={`${id}-email-hint`} className="hint">
              The email column is always imported.
            </span>
          )}
        </div>
      </div>
      <div className="imp-column-target">
        <label htmlFor={`${id}-target`} className="imp-sr">
          Import column {name} as
        </label>
        <select id={`${id}-target`} value={targetValue(target)} onChange={(e) => onTarget(e.target.value)} aria-invalid={issues.length > 0 || undefined}>
          {target === null && (
            <option value="" disabled>
              Choose…
            </option>
          )}
          <optgroup label="Contact fields">
            {FIELDS.map((f) => (
              <option key={f} value={f}>
                {FIELD_LABELS[f]}
              </option>
            ))}
          </optgroup>
          {known.length > 0 && (
            <optgroup label="Existing properties">
              {known.map((p) => (
                <option key={p.key} value={`property:${p.key}`}>
                  {p.key} ({TYPE_LABELS[p.type]})
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="New">
            <option value="new">New property…</option>
          </optgroup>
        </select>
        {column.included && target?.kind === 'newProperty' && (
          <div className="imp-new-property">
            <div className="imp-inline-field">
              <label htmlFor={`${id}-key`}>Key</label>
              <input
                id={`${id}-key`}
                value={target.key}
                aria-label={`New property key for column ${name}`}
                spellCheck={false}
                autoComplete="off"
                maxLength={50}
                onChange={(e) => onNewProperty(e.target.value, target.type)}
              />
            </div>
            <div className="imp-inline-field">
              <label htmlFor={`${id}-type`}>Type</label>
              <select id={`${id}-type`} value={target.type} aria-label={`Type of the new property for column ${name}`} onChange={(e) => onNewProperty(target.key, e.target.value as PropertyType)}>
                {TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
      </div>
      <div className="imp-column-check">
        {!column.included ? (
          <span className="muted">Not imported</span>
        ) : check.checked === 0 ? (
          <span className="muted">No values to check</span>
        ) : check.failing === 0 ? (
          <span className="badge ok">{formatNumber(check.checked)} values OK</span>
        ) : (
          <>
            <span className="badge warn">
              {formatNumber(check.failing)} of {formatNumber(check.checked)} would fail
            </span>
            <span className="hint">{check.example}</span>
          </>
        )}
      </div>
      {issues.length > 0 && (
        <div className="imp-column-issues">
          {issues.map((message) => (
            <p key={message} className="field-error">
              {message}
            </p>
          ))}
        </div>
      )}
    </li>
  );
}
