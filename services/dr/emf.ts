/**
 * CloudWatch Embedded Metric Format lines for the metrics components/dr alarms on
 * (namespace Platform/DR, no dimensions): ReplicationLagSeconds (the RPO alarm) and
 * StandbyPromoted (the Route 53 SECONDARY gate). Printed to stdout by `--emf`; a scheduled
 * Lambda or ECS task with the awslogs driver turns each line into metrics without an SDK call.
 * From an operator shell, publish the same values with `aws cloudwatch put-metric-data`.
 */
export const DR_NAMESPACE = "Platform/DR";

export interface MetricValue {
  readonly name: string;
  readonly unit: "Seconds" | "Bytes" | "Count" | "None";
  /** Omitted metrics stay missing, which the DR alarms treat as breaching. */
  readonly value: number | null;
}

export function emfLine(metrics: readonly MetricValue[], now: Date = new Date()): string {
  const present = metrics.filter(
    (m): m is MetricValue & { value: number } => m.value !== null && Number.isFinite(m.value),
  );
  const line: Record<string, unknown> = {
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [
        { Namespace: DR_NAMESPACE, Dimensions: [[]], Metrics: present.map((m) => ({ Name: m.name, Unit: m.unit })) },
      ],
    },
  };
  for (const m of present) line[m.name] = m.value;
  return JSON.stringify(line);
}
