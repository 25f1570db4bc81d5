namespace kafkalab::broker_model { int placeholder = 0; }
