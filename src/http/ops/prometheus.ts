/** Prometheus text exposition format 0.0.4, written by hand: families of samples with HELP and TYPE lines. */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'gauge' | 'counter';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  /** snake_case with the application's prefix ("misura_…"); counters end in "_total". */
  name: string;
  type: MetricType;
  help: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value as the format quotes it: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A sample value: Go's float syntax, with +Inf, -Inf and NaN spelled as Prometheus reads them. */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** The families as one text document; each family's samples stay together, as the format requires. */
export function writePrometheusText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (!METRIC_NAME.test(family.name)) throw new Error(`"${family.name}" is not a Prometheus metric name`);
    lines.push(`# HELP ${family.name} ${family.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels).map(([name, value]) => {
        if (!LABEL_NAME.test(name)) throw new Error(`"${name}" is not a Prometheus label name`);
        return `${name}="${escapeLabelValue(value)}"`;
      });
      lines.push(`${family.name}${labels.length === 0 ? '' : `{${labels.join(',')}}`} ${formatSampleValue(sample.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
