// kafkajs against `kafkalab serve`: a producer writes keyed records, a group of two
// consumers reads them all and commits, and the script prints, per partition, the
// committed offset and the member that owns it, as `kafka-consumer-groups --describe`
// lays them out: "PARTITION CURRENT-OFFSET CONSUMER-ID". It stays in the group until
// `holdUntilMs` after its start, so the simulation describes the group while the
// members are still in it.
//   node group.js PORT TOPIC RECORDS HOLD_UNTIL_MS
const { Kafka, logLevel } = require('kafkajs');

const [port, topic, recordCount, holdUntilMs] = process.argv.slice(2);
const started = Date.now();
const groupId = 'analytics';
const kafka = new Kafka({
  clientId: 'kafkajs-test',
  brokers: [`127.0.0.1:${port}`],
  logLevel: logLevel.WARN,
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Checks `condition` every 100 ms (after `refresh`, if given) for up to `timeoutMs`.
async function waitFor(what, condition, timeoutMs, refresh = async () => {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await refresh();
    if (condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function main() {
  const producer = kafka.producer();
  await producer.connect();
  const messages = [];
  for (let i = 0; i < Number(recordCount); i++) {
    messages.push({ key: `user-${i % 10}`, value: JSON.stringify({ id: i, name: `user ${i}` }) });
  }
  const sent = await producer.send({ topic, messages });
  await producer.disconnect();
  process.stderr.write(`produced: ${JSON.stringify(sent)}\n`);

  const received = [];
  const joins = [{}, {}];
  const consumers = [kafka.consumer({ groupId }), kafka.consumer({ groupId })];
  for (const [index, consumer] of consumers.entries()) {
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      joins[index] = event.payload;
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({ partition, offset: Number(message.offset), key: message.key.toString() });
      },
    });
  }
  await waitFor('every record', () => received.length >= Number(recordCount), 30000);
  // Both members in one generation: together they own every partition.
  const owned = () => joins.flatMap((join) => (join.memberAssignment ? join.memberAssignment[topic] || [] : []));
  await waitFor('both members assigned', () => owned().length === 3 && new Set(owned()).size === 3, 30000);

  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  const endOf = (partition) => Number(ends.find((p) => p.partition === partition).offset);
  // kafkajs commits after each batch it hands out; wait until those commits reach
  // the log end of every partition.
  let committed = [];
  const caughtUp = () => committed.length === 3 && committed.every((p) => Number(p.offset) === endOf(p.partition));
  await waitFor('commits up to the log end', () => caughtUp(), 30000, async () => {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    committed = result.partitions;
  });
  await admin.disconnect();

  const keysOnPartitions = new Map();
  for (const r of received) {
    const partitions = keysOnPartitions.get(r.key) || new Set();
    partitions.add(r.partition);
    keysOnPartitions.set(r.key, partitions);
  }
  for (const [key, partitions] of keysOnPartitions) {
    if (partitions.size !== 1) throw new Error(`key ${key} was read from partitions ${[...partitions]}`);
  }

  const ownerOf = (partition) => joins.find((join) => (join.memberAssignment[topic] || []).includes(partition)).memberId;
  const rows = committed
    .map((p) => `${p.partition} ${p.offset} ${ownerOf(p.partition)}`)
    .sort();
  for (const row of rows) console.log(row);

  await sleep(Math.max(0, Number(holdUntilMs) - (Date.now() - started)));
  for (const consumer of consumers) await consumer.disconnect();
}

main().catch((error) => {
  console.error(`kafkajs test failed: ${error.stack || error}`);
  process.exit(1);
});
