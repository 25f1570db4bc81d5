// kafkajs's admin client against `kafkalab serve`: CreateTopics and DeleteTopics go to
// the simulated controller, and the topic appears in and leaves the metadata.
//   node admin.js PORT
const { Kafka, logLevel } = require('kafkajs');

const [port] = process.argv.slice(2);
const kafka = new Kafka({ clientId: 'kafkajs-admin', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.WARN });
const topic = 'made-by-kafkajs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: 2, replicationFactor: 3 }],
    waitForLeaders: true,
  });
  if (!created) throw new Error('createTopics answered that the topic exists already');
  const [described] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
  if (described.partitions.length !== 2) throw new Error(`${described.partitions.length} partitions, not 2`);
  for (const partition of described.partitions) {
    if (partition.replicas.length !== 3) throw new Error(`partition ${partition.partitionId}: ${partition.replicas}`);
  }
  // Creating it again is refused with TOPIC_ALREADY_EXISTS, which kafkajs reports as false.
  if (await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 3 }] })) {
    throw new Error('a second createTopics of the same topic succeeded');
  }
  await admin.deleteTopics({ topics: [topic] });
  for (let i = 0; i < 50 && (await admin.listTopics()).includes(topic); i++) await sleep(100);
  if ((await admin.listTopics()).includes(topic)) throw new Error('the deleted topic is still listed');
  await admin.disconnect();
  console.log(`created and deleted ${topic}`);
}

main().catch((error) => {
  console.error(`kafkajs admin test failed: ${error.stack || error}`);
  process.exit(1);
});
