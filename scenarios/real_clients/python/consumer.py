"""The beginner's consumer: reads registered_user from the beginning in a group.

    /usr/bin/python3 consumer.py [BOOTSTRAP] [COUNT]

Stops after COUNT records, or after 20 s without one.
"""
import json
import sys

from kafka import KafkaConsumer


def main():
    bootstrap = sys.argv[1] if len(sys.argv) > 1 else "localhost:9092"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else None
    consumer = KafkaConsumer(
        "registered_user",
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        group_id="consumer-group-a",
        consumer_timeout_ms=20000,
    )
    read = 0
    for message in consumer:
        user = json.loads(message.value)
        print(f"partition {message.partition} offset {message.offset}: {user['name']}", flush=True)
        read += 1
        if count is not None and read >= count:
            break
    consumer.commit()
    consumer.close()


if __name__ == "__main__":
    main()
