// Topic creation, deletion and partition growth, as the ZooKeeper-mode controller does
// them: the assignment goes to /brokers/topics/<topic>, each partition gets a state
// znode with its first leader, and brokers learn of it through LeaderAndIsr and
// UpdateMetadata. Deletion is requested by a marker under /admin/delete_topics.
#include <algorithm>

#include "broker_model/common/after_all.h"
#include "broker_model/common/recurring_step.h"
#include "broker_model/config/invalid_topic_config.h"
#include "broker_model/controller/replica_assignment.h"
#include "broker_model/controller/zk_controller.h"
#include "broker_model/controller/topic_names.h"
#include "broker_model/events/record_event.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

using zk::ZkCode;

void ZkController::handle_create_topics(sim::NodeIndex from, const CreateTopicsRequest& request) {
    auto answer = std::make_shared<CreateTopicsResponse>();
    answer->correlation_id = request.correlation_id;
    if (!active_) {
        for (const auto& topic : request.topics) answer->topics.push_back({topic.name, Error::not_controller, ""});
        context_.send(from, answer);
        return;
    }
    auto topics = request.topics;
    bool validate_only = request.validate_only;
    enqueue("create topics", [this, from, answer, topics, validate_only](Done done) {
        std::vector<std::string> created;
        std::vector<BrokerRack> brokers;
        for (const auto& [id, endpoint] : ctx_.live_brokers) brokers.push_back({id, endpoint.rack});
        auto pending = std::make_shared<std::vector<NewTopic>>();
        for (const auto& topic : topics) {
            TopicResult result{topic.name, Error::none, ""};
            std::int32_t partitions = topic.num_partitions < 0 ? config_.num_partitions : topic.num_partitions;
            std::int32_t rf = topic.replication_factor < 0 ? config_.default_replication_factor : topic.replication_factor;
            if (auto invalid = validate_topic_name(topic.name)) {
                result.error = Error::invalid_topic_exception;
                result.error_message = *invalid;
            } else if (ctx_.topics.count(topic.name)) {
                result.error = Error::topic_already_exists;
                result.error_message = "Topic '" + topic.name + "' already exists.";
            } else if (topic.assignment.empty() && partitions <= 0) {
                result.error = Error::invalid_partitions;
                result.error_message = "Number of partitions must be larger than 0.";
            } else if (auto invalid = invalid_topic_configs(topic.configs)) {
                result.error = Error::invalid_config;  // InvalidConfigurationException
                result.error_message = *invalid;
            } else {
                NewTopic resolved = topic;
                if (resolved.assignment.empty()) {
                    AssignmentResult assigned = assign_replicas(brokers, partitions, rf, context_.random());
                    if (!assigned.error.empty()) {
                        result.error = Error::invalid_replication_factor;
                        result.error_message = assigned.error;
                    }
                    resolved.assignment = assigned.replicas;
                }
                if (result.error == Error::none && !validate_only) pending->push_back(resolved);
            }
            answer->topics.push_back(result);
        }
        auto finish = after_all(pending->size(), guarded([this, from, answer, done] {
            context_.send(from, answer);
            done();
        }));
        for (const auto& topic : *pending) {
            ControllerContext::Topic entry;
            entry.topic_id = new_topic_id(context_.random());
            entry.assignment = topic.assignment;
            entry.configs = topic.configs;
            std::string name = topic.name;
            // KafkaZkClient retries every request until ZooKeeper answers
            // (retryRequestsUntilConnected): without a quorum the creation waits, the
            // admin client's call times out (TimeoutException), and the topic appears
            // once the quorum is back.
            auto write_assignment = recurring_step([this, name, entry, answer, finish](const auto& again) {
                zk_data::TopicAssignment assignment{entry.topic_id, entry.assignment};
                zk()->create(zk_data::topic_path(name), zk_data::encode_assignment(assignment), false,
                             guarded([this, name, entry, answer, finish, again](const zk::CreateResult& made) {
                                 if (made.code == ZkCode::connection_loss) return retry_later(again);
                                 if (made.code != ZkCode::ok) {
                                     for (auto& r : answer->topics) {
                                         if (r.name != name) continue;
                                         r.error = made.code == ZkCode::node_exists ? Error::topic_already_exists
                                                                                     : Error::request_timed_out;
                                         r.error_message = made.code == ZkCode::node_exists
                                                               ? "Topic '" + name + "' already exists."
                                                               : "ZooKeeper is not available.";
                                     }
                                     return finish();
                                 }
                                 ctx_.topics[name] = entry;
                                 create_states(initial_states(name, 0), guarded([this, finish](StateMap written) {
                                     std::vector<TopicPartition> partitions;
                                     for (const auto& [tp, s] : written) partitions.push_back(tp);
                                     send_leader_and_isr(ctx_.live_ids(), partitions);
                                     // onNewPartitionCreation: the new partitions only.
                                     send_update_metadata(partitions);
                                     finish();
                                 }));
                             }));
            });
            if (entry.configs.empty()) {
                write_assignment();
            } else {
                auto write_configs = recurring_step([this, name, entry, write_assignment](const auto& again) {
                    zk()->create(zk_data::topic_config_path(name), zk_data::encode_topic_config(entry.configs), false,
                                 guarded([this, write_assignment, again](const zk::CreateResult& made) {
                                     if (made.code == ZkCode::connection_loss) return retry_later(again);
                                     write_assignment();
                                 }));
                });
                write_configs();
            }
        }
    });
}

void ZkController::on_topic_change(Done done) {
    zk()->get_children(zk_data::topics_path, true, guarded([this, done](const zk::ChildrenResult& listed) {
        if (listed.code == ZkCode::connection_loss) return retry_later([this, done] { on_topic_change(done); });
        std::vector<std::string> fresh;
        for (const auto& name : listed.children) {
            if (!ctx_.topics.count(name)) fresh.push_back(name);
        }
        read_topics(fresh, guarded([this, fresh, done] {
            StateMap initial;
            for (const auto& name : fresh) {
                if (!ctx_.topics.count(name)) continue;
                const auto& assignment = ctx_.topics[name].assignment;
                for (std::size_t p = 0; p < assignment.size(); ++p) {
                    TopicPartition tp{name, static_cast<std::int32_t>(p)};
                    if (ctx_.states.count(tp)) continue;
                    auto states = initial_states(name, static_cast<std::int32_t>(p));
                    initial[tp] = states[tp];
                }
            }
            create_states(initial, guarded([this, done](StateMap written) {
                std::vector<TopicPartition> partitions;
                for (const auto& [tp, s] : written) partitions.push_back(tp);
                if (!partitions.empty()) {
                    send_leader_and_isr(ctx_.live_ids(), partitions);
                    send_update_metadata(partitions);  // onNewPartitionCreation
                }
                done();
            }));
        }));
    }));
}

void ZkController::handle_delete_topics(sim::NodeIndex from, const DeleteTopicsRequest& request) {
    auto answer = std::make_shared<DeleteTopicsResponse>();
    answer->correlation_id = request.correlation_id;
    if (!active_) {
        for (const auto& name : request.names) answer->topics.push_back({name, Error::not_controller, ""});
        context_.send(from, answer);
        return;
    }
    auto names = request.names;
    enqueue("delete topics", [this, from, answer, names](Done done) {
        std::vector<std::string> marked;
        for (const auto& name : names) {
            TopicResult result{name, Error::none, ""};
            if (!ctx_.topics.count(name)) {
                result.error = Error::unknown_topic_or_partition;
                result.error_message = "This server does not host this topic-partition.";
            } else if (!config_.delete_topic_enable) {
                result.error = Error::topic_deletion_disabled;
                result.error_message = "Topic deletion is disabled.";
            } else {
                marked.push_back(name);
            }
            answer->topics.push_back(result);
        }
        // Answer once every marked topic is gone (DelayedDeleteTopics).
        auto finished = after_all(marked.size(), [this, from, answer] { context_.send(from, answer); });
        for (const auto& name : marked) {
            deletion_waiters_[name].push_back(finished);
            zk()->create(zk_data::delete_topic_path(name), "", false, guarded([](const zk::CreateResult&) {}));
        }
        done();
    });
}

void ZkController::on_topic_deletion(Done done) {
    zk()->get_children(zk_data::delete_topics_path, true, guarded([this, done](const zk::ChildrenResult& listed) {
        if (listed.code == ZkCode::connection_loss) return retry_later([this, done] { on_topic_deletion(done); });
        auto names = std::make_shared<std::vector<std::string>>(listed.children);
        auto next = recurring_step<std::size_t>(guarded([this, names, done](const auto& again, std::size_t i) {
            if (i == names->size()) return done();
            const std::string& name = (*names)[i];
            if (!config_.delete_topic_enable || !ctx_.topics.count(name)) {
                zk()->delete_node(zk_data::delete_topic_path(name), zk::any_version,
                             guarded([again, i](const zk::DeleteResult&) { again(i + 1); }));
                return;
            }
            delete_topic(name, [again, i] { again(i + 1); });
        }));
        next(0);
    }));
}

void ZkController::delete_topic(const std::string& topic, Done done) {
    ctx_.topics_being_deleted.insert(topic);
    record_event(context_, TopicDeletionStarted{topic});
    // Replicas stop and delete their logs; every broker forgets the topic.
    std::map<BrokerId, std::vector<TopicPartition>> by_broker;
    std::vector<std::string> paths;
    const auto& assignment = ctx_.topics[topic].assignment;
    for (std::size_t p = 0; p < assignment.size(); ++p) {
        TopicPartition tp{topic, static_cast<std::int32_t>(p)};
        for (BrokerId replica : assignment[p]) by_broker[replica].push_back(tp);
        paths.push_back(zk_data::partition_state_path(tp));
        paths.push_back(zk_data::partition_path(tp));
    }
    for (const auto& [broker, partitions] : by_broker) {
        if (!ctx_.live_brokers.count(broker)) continue;
        auto stop = std::make_shared<StopReplicaRequest>();
        stop->controller_id = config_.broker_id;
        stop->controller_epoch = epoch_;
        stop->broker_epoch = broker_epoch(broker);
        stop->delete_partitions = true;
        stop->partitions = partitions;
        channel_.send(broker, stop);
    }
    paths.push_back(zk_data::partitions_path(topic));
    paths.push_back(zk_data::topic_path(topic));
    paths.push_back(zk_data::topic_config_path(topic));
    paths.push_back(zk_data::delete_topic_path(topic));
    // Children before parents, one at a time.
    auto remove = recurring_step<std::size_t>(guarded([this, paths, topic, done](const auto& again, std::size_t i) {
        if (i == paths.size()) return finish_topic(topic, done);
        zk()->delete_node(paths[i], zk::any_version, guarded([this, again, i](const zk::DeleteResult& removed) {
            if (removed.code == ZkCode::connection_loss) return retry_later([again, i] { again(i); });
            again(i + 1);
        }));
    }));
    remove(0);
}

void ZkController::finish_topic(const std::string& topic, Done done) {
    for (auto it = ctx_.states.begin(); it != ctx_.states.end();) {
        it = it->first.topic == topic ? ctx_.states.erase(it) : std::next(it);
    }
    ctx_.topics.erase(topic);
    ctx_.topics_being_deleted.erase(topic);
    send_update_metadata(all_partitions(), {topic});
    auto waiters = std::move(deletion_waiters_[topic]);
    deletion_waiters_.erase(topic);
    for (auto& waiter : waiters) waiter();
    done();
}

void ZkController::handle_create_partitions(sim::NodeIndex from, const CreatePartitionsRequest& request) {
    auto answer = std::make_shared<CreatePartitionsResponse>();
    answer->correlation_id = request.correlation_id;
    if (!active_) {
        for (const auto& t : request.topics) answer->topics.push_back({t.name, Error::not_controller, ""});
        context_.send(from, answer);
        return;
    }
    auto topics = request.topics;
    enqueue("create partitions", [this, from, answer, topics](Done done) {
        std::vector<std::pair<std::string, std::int32_t>> growing;
        std::vector<BrokerRack> brokers;
        for (const auto& [id, endpoint] : ctx_.live_brokers) brokers.push_back({id, endpoint.rack});
        for (const auto& t : topics) {
            TopicResult result{t.name, Error::none, ""};
            auto it = ctx_.topics.find(t.name);
            if (it == ctx_.topics.end()) {
                result.error = Error::unknown_topic_or_partition;
                result.error_message = "The topic '" + t.name + "' does not exist.";
            } else if (static_cast<std::size_t>(t.count) <= it->second.assignment.size()) {
                result.error = Error::invalid_partitions;
                result.error_message = "Topic currently has " + std::to_string(it->second.assignment.size()) +
                                       " partitions, which is higher than the requested " + std::to_string(t.count) + ".";
            } else {
                auto current = static_cast<std::int32_t>(it->second.assignment.size());
                auto rf = static_cast<std::int32_t>(it->second.assignment.front().size());
                AssignmentResult added = assign_replicas(brokers, t.count - current, rf, context_.random(), current);
                if (!added.error.empty()) {
                    result.error = Error::invalid_replication_factor;
                    result.error_message = added.error;
                } else {
                    for (auto& replicas : added.replicas) it->second.assignment.push_back(replicas);
                    growing.emplace_back(t.name, current);
                }
            }
            answer->topics.push_back(result);
        }
        auto finish = after_all(growing.size(), guarded([this, from, answer, done] {
            send_update_metadata(all_partitions());
            context_.send(from, answer);
            done();
        }));
        for (const auto& [name, first_new] : growing) {
            const auto& topic = ctx_.topics[name];
            zk_data::TopicAssignment assignment{topic.topic_id, topic.assignment};
            zk()->set_data(zk_data::topic_path(name), zk_data::encode_assignment(assignment), zk::any_version,
                           guarded([this, name = name, first = first_new, finish](const zk::StatResult&) {
                               create_states(initial_states(name, first), guarded([this, finish](StateMap written) {
                                   std::vector<TopicPartition> partitions;
                                   for (const auto& [tp, s] : written) partitions.push_back(tp);
                                   send_leader_and_isr(ctx_.live_ids(), partitions);
                                   finish();
                               }));
                           }));
        }
    });
}

}  // namespace kafkalab::kafka
