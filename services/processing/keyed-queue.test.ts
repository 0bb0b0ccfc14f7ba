import assert from "node:assert/strict";
import { KeyedQueue } from "./keyed-queue";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("KeyedQueue", () => {
  it("should run tasks with the same key one after another", async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(`${name}:start`);
      await tick();
      order.push(`${name}:end`);
    };
    await Promise.all([queue.run("k", task("a")), queue.run("k", task("b"))]);
    assert.deepEqual(order, ["a:start", "a:end", "b:start", "b:end"]);
  });

  it("should run tasks with different keys concurrently", async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(`${name}:start`);
      await tick();
      order.push(`${name}:end`);
    };
    await Promise.all([queue.run("x", task("a")), queue.run("y", task("b"))]);
    assert.deepEqual(order.slice(0, 2), ["a:start", "b:start"]);
  });

  it("should still run the next task when the previous one with its key failed", async () => {
    const queue = new KeyedQueue();
    const failed = queue.run("k", async () => {
      throw new Error("boom");
    });
    const next = queue.run("k", async () => "ran");
    await assert.rejects(failed, /boom/);
    assert.equal(await next, "ran");
  });

  it("should forget keys once their work has settled", async () => {
    const queue = new KeyedQueue();
    await queue.run("k", async () => undefined);
    await tick();
    assert.equal(queue.size, 0);
  });
});
