import assert from "node:assert/strict";
import {
  assessRecoveryObjectives,
  DEFAULT_GATE,
  objectivesFromTags,
  objectiveTags,
  recoveryTimeline,
  type RecoveryObjectivesInput,
} from "./recovery-objectives";

const base: RecoveryObjectivesInput = {
  rtoMinutes: 15,
  rpoMinutes: 5,
  pagingSeconds: 60,
  decisionMinutes: 3,
  promotionMinutes: 5,
  replicationLagAlarmSeconds: 120,
  heartbeatIntervalSeconds: 10,
  gate: DEFAULT_GATE,
  healthCheckIntervalSeconds: 10,
  failureThreshold: 3,
  ttlSeconds: 60,
};
/** The configuration issue 12 names: it passed the old model at 750 s. */
const slowDns: RecoveryObjectivesInput = {
  ...base,
  ttlSeconds: 240,
  healthCheckIntervalSeconds: 30,
  failureThreshold: 3,
};

describe("assessRecoveryObjectives", () => {
  it("should find no problem when the defaults fit a 15-minute RTO", async () => {
    assert.deepEqual(assessRecoveryObjectives(base).problems, []);
  });

  it("should add detection, paging, decision, promotion, gate and TTL into the worst case", async () => {
    assert.equal(assessRecoveryObjectives(base).worstCaseSeconds, 30 + 60 + 180 + 300 + 240 + 60);
  });

  it("should count the gate as schedule + period × datapoints + evaluation + Route 53's read", async () => {
    const gate = {
      monitorScheduleSeconds: 120,
      alarmPeriodSeconds: 60,
      datapointsToOpen: 2,
      alarmEvaluationSeconds: 30,
      route53AlarmReadSeconds: 45,
    };
    assert.equal(assessRecoveryObjectives({ ...base, gate }).gateSeconds, 120 + 60 * 2 + 30 + 45);
  });

  it("should refuse TTL 240 s, interval 30 s, threshold 3 against a 15-minute RTO", async () => {
    assert.deepEqual(
      assessRecoveryObjectives(slowDns).problems.map((p) => p.field),
      ["rtoMinutes"],
    );
  });

  it("should name the platform:dr keys when it refuses the RTO", async () => {
    const message = assessRecoveryObjectives(slowDns).problems[0]?.message ?? "";
    for (const key of [
      "platform:dr.rtoMinutes",
      "platform:dr.dns.ttlSeconds",
      "dns.healthCheckIntervalSeconds",
      "dns.failureThreshold",
      "platform:dr.pagingSeconds",
      "platform:dr.decisionMinutes",
      "platform:dr.promotionMinutes",
      "gate.monitorScheduleSeconds",
      "gate.route53AlarmReadSeconds",
    ]) {
      assert.ok(message.includes(key), `${key} missing from: ${message}`);
    }
  });

  it("should say by how much the worst case is over and the RTO that would hold it", async () => {
    assert.match(
      assessRecoveryObjectives(slowDns).problems[0]?.message ?? "",
      /takes 1110 s, over the RTO of 900 s .* by 210 s: .*raise platform:dr\.rtoMinutes to at least 19$/,
    );
  });

  it("should accept a budget that fits exactly", async () => {
    assert.deepEqual(assessRecoveryObjectives({ ...base, ttlSeconds: 90 }).problems, []);
  });

  it("should refuse a budget one second over", async () => {
    assert.equal(assessRecoveryObjectives({ ...base, ttlSeconds: 91 }).problems.length, 1);
  });

  it("should count the heartbeat, the sampling and the alarm period in when the lag alarm fires", async () => {
    assert.equal(assessRecoveryObjectives(base).lagAlarmLatestSeconds, 120 + 10 + 60 + 60);
  });

  it("should flag the lag threshold when its alarm fires after the RPO", async () => {
    const { problems } = assessRecoveryObjectives({ ...base, replicationLagAlarmSeconds: 171 });
    assert.match(problems[0]?.message ?? "", /set platform:dr\.replicationLagAlarmSeconds to at most 170, /);
  });

  it("should flag the RPO when a slower heartbeat pushes the alarm past it", async () => {
    assert.deepEqual(assessRecoveryObjectives({ ...base, replicationLagAlarmSeconds: 150 }).problems, []);
    const { problems } = assessRecoveryObjectives({
      ...base,
      replicationLagAlarmSeconds: 150,
      heartbeatIntervalSeconds: 59,
    });
    assert.deepEqual(
      problems.map((p) => p.field),
      ["replicationLagAlarmSeconds"],
    );
  });
});

describe("recoveryTimeline", () => {
  it("should end at the same total the assessment computes", async () => {
    assert.match(recoveryTimeline(base), /\| \*\*Total\*\* \| \*\*870 s \(14\.5 min\)\*\* \| T\+14:30 \|/);
  });

  it("should show every step's running end time", async () => {
    const ends = [...recoveryTimeline(base).matchAll(/\| (T\+\d+:\d\d) \|/g)].map((m) => m[1]);
    assert.deepEqual(ends, ["T+0:30", "T+1:30", "T+4:30", "T+9:30", "T+13:30", "T+14:30", "T+14:30"]);
  });

  it("should say the plan refuses a timeline over the RTO", async () => {
    assert.match(recoveryTimeline(slowDns), /210 s over: the plan refuses this/);
  });
});

describe("objectiveTags", () => {
  it("should round-trip through objectivesFromTags", async () => {
    const { healthCheckIntervalSeconds: _i, failureThreshold: _f, ttlSeconds: _t, ...objectives } = base;
    assert.deepEqual(objectivesFromTags(objectiveTags(base)), { objectives });
  });

  it("should name the tag that is missing", async () => {
    const { DrDecisionMinutes: _dropped, ...rest } = objectiveTags(base);
    assert.deepEqual(objectivesFromTags(rest), { missing: ["DrDecisionMinutes"] });
  });

  it("should name a gate tag that is not a whole number", async () => {
    assert.deepEqual(objectivesFromTags({ ...objectiveTags(base), DrGateScheduleSeconds: "1.5" }), {
      missing: ["DrGateScheduleSeconds"],
    });
  });
});
