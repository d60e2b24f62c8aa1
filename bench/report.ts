/** The figures of a run, each with its target, as a Markdown table and as JSON. */
export interface Target {
  /** the figure must be at most (<=) or at least (>=) this */
  op: '<=' | '>=';
  value: number;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: Target;
  /** undefined when the figure has no target: it is reported to show a trend */
  pass?: boolean;
}

export function figure(name: string, value: number, unit: string, target?: Target): Figure {
  const pass = target ? (target.op === '<=' ? value <= target.value : value >= target.value) : undefined;
  return { name, value, unit, ...(target ? { target } : {}), ...(pass !== undefined ? { pass } : {}) };
}

/** Three significant figures at most; whole numbers stay whole. */
function format(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits =
    Number.isInteger(value) || unit === '%' || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const number = value.toLocaleString('en-CA', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
  return unit ? `${number} ${unit}` : number;
}

export function markdownTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const target = f.target ? `${f.target.op === '<=' ? '≤' : '≥'} ${format(f.target.value, f.unit)}` : '—';
    const result = f.pass === undefined ? 'info' : f.pass ? 'pass' : '**FAIL**';
    return `| ${f.name} | ${format(f.value, f.unit)} | ${target} | ${result} |`;
  });
  return ['| figure | measured | target | result |', '| --- | ---: | ---: | :---: |', ...rows].join('\n');
}
