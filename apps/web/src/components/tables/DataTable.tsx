import type { CSSProperties, HTMLAttributes, Key, ReactNode } from 'react';

/** One column of a {@link DataTable}: its header and what each row shows in it. */
export interface Column<R> {
  header: ReactNode;
  cell: (row: R) => ReactNode;
  /** Class of the column's cells (`num` right-aligns figures). */
  className?: string;
  /** Class of the header cell; defaults to `className` for `num` columns. */
  headerClassName?: string;
}

/** Attributes of one row (a highlight class, `data-*` attributes such as a test id…). */
export type RowProps = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

/**
 * A table of `rows`, one column per entry of `columns`, scrolling sideways on narrow screens; `empty`
 * (when given) is shown instead of a table without rows.
 */
export function DataTable<R>({
  rows,
  columns,
  rowKey,
  rowProps,
  empty,
  caption,
  testId,
  label,
  wrapStyle,
}: {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => Key;
  rowProps?: (row: R) => RowProps;
  empty?: ReactNode;
  caption?: ReactNode;
  /** `data-testid` of the table. */
  testId?: string;
  /** Accessible name of the table. */
  label?: string;
  /** Style of the scrolling wrapper (e.g. a maximum height). */
  wrapStyle?: CSSProperties;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="muted">{empty}</p>;
  const headerClass = (c: Column<R>) => c.headerClassName ?? (c.className === 'num' ? 'num' : undefined);
  return (
    <div className="table-wrap" style={wrapStyle}>
      <table data-testid={testId} aria-label={label}>
        {caption !== undefined && <caption className="small muted">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
              <th key={i} className={headerClass(c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...rowProps?.(r)}>
              {columns.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
                <td key={i} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
