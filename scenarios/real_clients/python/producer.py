"""The beginner's producer: a fake user registration, as JSON, every few seconds.

    /usr/bin/python3 producer.py [BOOTSTRAP] [COUNT] [SECONDS_BETWEEN]

BOOTSTRAP defaults to localhost:9092 (broker-1 of `kafkalab serve`); without COUNT
it sends until stopped; SECONDS_BETWEEN defaults to 3, as in the notes.
"""
import json
import sys
import time

from faker import Faker
from kafka import KafkaProducer

fake = Faker()


def registered_user():
    return {"name": fake.name(), "address": fake.address(), "created_at": fake.year()}


def json_serializer(data):
    return json.dumps(data).encode("utf-8")


def main():
    bootstrap = sys.argv[1] if len(sys.argv) > 1 else "localhost:9092"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else None
    pause = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    producer = KafkaProducer(bootstrap_servers=[bootstrap], value_serializer=json_serializer)
    sent = 0
    while count is None or sent < count:
        user = registered_user()
        metadata = producer.send("registered_user", user).get(timeout=30)
        print(f"partition {metadata.partition} offset {metadata.offset}: {user['name']}", flush=True)
        sent += 1
        time.sleep(pause)
    producer.flush()


if __name__ == "__main__":
    main()
