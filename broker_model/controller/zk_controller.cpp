#include "broker_model/controller/zk_controller.h"

#include <algorithm>

#include "broker_model/common/after_all.h"
#include "broker_model/common/recurring_step.h"
#include "broker_model/controller/leader_election.h"
#include "broker_model/events/record_event.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

using namespace std::chrono_literals;
using zk::ZkCode;

ZkController::ZkController(sim::NodeContext& context, NetworkClient& network, ZkAccess zk, ControllerConfig config)
    : context_(context),
      network_(network),
      zk_(std::move(zk)),
      config_(config),
      channel_(context, network,
               [this](BrokerId id) {
                   auto it = ctx_.live_brokers.find(id);
                   if (it == ctx_.live_brokers.end()) return sim::no_node;
                   return context_.simulation().find_node(it->second.host).value_or(sim::no_node);
               },
               config.controller_socket_timeout) {}

ZkController::~ZkController() { *alive_ = false; }

void ZkController::retry_later(std::function<void()> operation) {
    context_.set_timer(1s, "controller zookeeper retry", guarded([operation] { operation(); }));
}

// --- Electing the controller -----------------------------------------------------

void ZkController::start() {
    campaigning_ = true;
    campaign();
}

void ZkController::campaign() {
    if (!campaigning_ || active_ || !zk()) return;
    auto alive = alive_;
    zk()->create(zk_data::controller_path, zk_data::encode_controller(config_.broker_id, 0), true,
                 [this, alive](const zk::CreateResult& created) {
                     if (!*alive || active_) return;
                     if (created.code == ZkCode::node_exists) return watch_controller();
                     if (created.code == ZkCode::connection_loss) {
                         context_.set_timer(1s, "controller election retry", [this, alive] {
                             if (*alive) campaign();
                         });
                         return;
                     }
                     if (created.code != ZkCode::ok) return;
                     bump_controller_epoch();
                 });
}

void ZkController::bump_controller_epoch() {
    // We hold /controller: bump /controller_epoch (conditionally, so two winners of
    // successive elections cannot both think they are current). An answer lost with
    // the connection leaves the outcome unknown: watch_controller checks again that
    // /controller is still ours and bumps anew (a skipped epoch harms no one).
    auto alive = alive_;
    auto check_again = [this, alive] {
        context_.set_timer(1s, "controller election retry", [this, alive] {
            if (*alive) watch_controller();
        });
    };
    zk()->get_data(zk_data::controller_epoch_path, false, [this, alive, check_again](const zk::DataResult& read) {
        if (!*alive || active_) return;
        if (read.code == ZkCode::no_node) {
            zk()->create(zk_data::controller_epoch_path, "1", false, [this, alive, check_again](const zk::CreateResult& c) {
                if (!*alive || active_) return;
                if (c.code == ZkCode::ok) return become_active(ControllerEpoch{1}, 0);
                check_again();
            });
            return;
        }
        if (read.code != ZkCode::ok) return check_again();
        ControllerEpoch next{std::stoi(read.data) + 1};
        zk()->set_data(zk_data::controller_epoch_path, std::to_string(next.value), read.stat.version,
                       [this, alive, next, check_again](const zk::StatResult& set) {
                           if (!*alive || active_) return;
                           if (set.code == ZkCode::ok) return become_active(next, set.stat->version);
                           if (set.code == ZkCode::connection_loss) return check_again();
                           watch_controller();
                       });
    });
}

void ZkController::watch_controller() {
    if (!zk()) return;
    auto alive = alive_;
    zk()->get_data(zk_data::controller_path, true, [this, alive](const zk::DataResult& read) {
        if (!*alive) return;
        if (read.code == ZkCode::no_node) return campaign();
        if (read.code == ZkCode::connection_loss) {
            context_.set_timer(1s, "controller watch retry", [this, alive] {
                if (*alive) watch_controller();
            });
            return;
        }
        if (read.code != ZkCode::ok) return;
        active_controller_ = zk_data::decode_controller(read.data).value_or(no_broker);
        if (active_controller_ != config_.broker_id && active_) resign();
        // registerControllerAndIncrementControllerEpoch's NODEEXISTS: /controller holds
        // our id under our own session, so our create went through and only its answer
        // was lost (checkControllerAndEpoch). Finish the election. A /controller with our
        // id from a previous life's session is not ours: it goes when that session expires.
        bool ours = active_controller_ == config_.broker_id && zk() && read.stat.ephemeral_owner == zk()->session_id();
        if (ours && !active_ && campaigning_) bump_controller_epoch();
    });
}

void ZkController::become_active(ControllerEpoch epoch, std::int32_t epoch_version) {
    active_ = true;
    ++generation_;
    active_controller_ = config_.broker_id;
    epoch_ = epoch;
    epoch_version_ = epoch_version;
    ctx_ = ControllerContext{};
    events_.clear();
    busy_ = false;
    record_event(context_, ControllerElected{epoch});
    enqueue("controller failover", [this](Done done) { load_cluster(std::move(done)); });
}

void ZkController::resign() {
    if (active_) {
        record_event(context_, ControllerResigned{});
    }
    active_ = false;
    ++generation_;
    events_.clear();
    busy_ = false;
    channel_.clear();
    deletion_waiters_.clear();
    if (active_controller_ == config_.broker_id) active_controller_ = no_broker;
}

void ZkController::on_watch(const zk::WatchedEvent& event) {
    if (event.path == zk_data::controller_path) {
        if (event.type == zk::EventType::node_deleted) {
            if (active_) resign();
            campaign();
        } else {
            watch_controller();
        }
        return;
    }
    if (!active_) return;
    if (event.path == zk_data::broker_ids_path) {
        enqueue("broker change", [this](Done done) { on_broker_change(std::move(done)); });
    } else if (event.path == zk_data::topics_path) {
        enqueue("topic change", [this](Done done) { on_topic_change(std::move(done)); });
    } else if (event.path == zk_data::delete_topics_path) {
        enqueue("topic deletion", [this](Done done) { on_topic_deletion(std::move(done)); });
    }
}

// --- The event queue ---------------------------------------------------------------

void ZkController::enqueue(const char* name, Job job) {
    if (!active_) return;
    events_.emplace_back(name, std::move(job));
    if (!busy_) run_next();
}

void ZkController::run_next() {
    if (busy_ || events_.empty() || !active_) return;
    busy_ = true;
    auto [name, job] = std::move(events_.front());
    events_.pop_front();
    job(guarded([this] {
        busy_ = false;
        run_next();
    }));
}

// --- Reading ZooKeeper -------------------------------------------------------------

void ZkController::read_brokers(std::function<void(std::map<BrokerId, BrokerEndpoint>, BrokerEpochs)> then) {
    zk()->get_children(zk_data::broker_ids_path, true, guarded([this, then](const zk::ChildrenResult& listed) {
        if (listed.code == ZkCode::connection_loss) return retry_later([this, then] { read_brokers(then); });
        auto brokers = std::make_shared<std::map<BrokerId, BrokerEndpoint>>();
        auto epochs = std::make_shared<BrokerEpochs>();
        // A registration that could not be read is not a dead broker: like Kafka's
        // getAllBrokerAndEpochsInCluster (retryRequestsUntilConnected), read them all
        // again once connected. Taken as gone, every broker the lost connection hid
        // was declared dead, and no later change of /brokers/ids came to correct it.
        auto connection_lost = std::make_shared<bool>(false);
        auto step = after_all(listed.children.size(), guarded([this, brokers, epochs, connection_lost, then] {
            if (*connection_lost) return retry_later([this, then] { read_brokers(then); });
            then(*brokers, *epochs);
        }));
        for (const auto& name : listed.children) {
            BrokerId id{std::stoi(name)};
            zk()->get_data(zk_data::broker_path(id), false,
                           guarded([brokers, epochs, connection_lost, id, step](const zk::DataResult& read) {
                if (read.code == ZkCode::connection_loss) *connection_lost = true;
                if (read.code == ZkCode::ok) {
                    if (auto endpoint = zk_data::decode_broker(id, read.data)) {
                        (*brokers)[id] = *endpoint;
                        (*epochs)[id] = read.stat.czxid;
                    }
                }
                step();
            }));
        }
    }));
}

void ZkController::read_topic(const std::string& name, Done then) {
    zk()->get_data(zk_data::topic_path(name), false, guarded([this, name, then](const zk::DataResult& read) {
        if (read.code == ZkCode::connection_loss) return retry_later([this, name, then] { read_topic(name, then); });
        auto assignment = read.code == ZkCode::ok ? zk_data::decode_assignment(read.data) : std::nullopt;
        if (!assignment) return then();
        auto& topic = ctx_.topics[name];
        topic.topic_id = assignment->topic_id;
        topic.assignment = assignment->partitions;
        std::size_t partitions = topic.assignment.size();
        auto step = after_all(partitions + 1, then);
        zk()->get_data(zk_data::topic_config_path(name), false, guarded([this, name, step](const zk::DataResult& c) {
            if (c.code == ZkCode::ok) ctx_.topics[name].configs = zk_data::decode_topic_config(c.data);
            step();
        }));
        for (std::size_t p = 0; p < partitions; ++p) {
            TopicPartition tp{name, static_cast<std::int32_t>(p)};
            zk()->get_data(zk_data::partition_state_path(tp), false, guarded([this, tp, step](const zk::DataResult& s) {
                if (s.code == ZkCode::ok) {
                    if (auto state = zk_data::decode_partition_state(s.data, s.stat.version)) ctx_.states[tp] = *state;
                }
                step();
            }));
        }
    }));
}

void ZkController::read_topics(const std::vector<std::string>& names, Done then) {
    auto step = after_all(names.size(), then);
    for (const auto& name : names) read_topic(name, step);
}

void ZkController::load_cluster(Done done) {
    // Persistent parents first (a new cluster has none), then the cluster's state.
    auto paths = std::make_shared<std::vector<std::string>>(zk_data::cluster_skeleton());
    auto create_next = recurring_step<std::size_t>(guarded([this, paths, done](const auto& again, std::size_t i) {
        if (i == paths->size()) {
            read_brokers(guarded([this, done](std::map<BrokerId, BrokerEndpoint> brokers, BrokerEpochs epochs) {
                ctx_.live_brokers = std::move(brokers);
                ctx_.broker_epochs = std::move(epochs);
                on_topic_change(guarded([this, done] {
                    // Replicas on brokers that died while there was no controller leave
                    // their ISRs, and leaderless partitions get leaders (onControllerFailover).
                    std::set<BrokerId> dead;
                    for (const auto& [name, topic] : ctx_.topics) {
                        for (const auto& replicas : topic.assignment) {
                            for (BrokerId id : replicas) {
                                if (!ctx_.live_brokers.count(id)) dead.insert(id);
                            }
                        }
                    }
                    // Kafka's onControllerFailover starts the replica state machine
                    // before the partition state machine: OfflineReplica first takes
                    // each dead replica out of its ISRs and its leaderships (leader
                    // none, epoch + 1), then the OnlinePartition election elects anew
                    // (epoch + 1 again). A partition the dead controller led comes back
                    // with its leader epoch up by 2, not 1 as after onBrokerFailure.
                    write_states(states_after_failure(dead, false), guarded([this, done](StateMap) {
                        write_states(states_for_offline_partitions(), guarded([this, done](StateMap) {
                            std::set<BrokerId> everyone = ctx_.live_ids();
                            send_update_metadata(all_partitions());
                            send_leader_and_isr(everyone, all_partitions());
                            on_topic_deletion(done);
                        }));
                    }));
                }));
            }));
            return;
        }
        zk()->create((*paths)[i], "", false, guarded([this, again, i](const zk::CreateResult& created) {
            if (created.code == ZkCode::connection_loss) return retry_later([again, i] { again(i); });
            again(i + 1);
        }));
    }));
    create_next(0);
}

// --- Partition states ------------------------------------------------------------

bool ZkController::unclean_allowed(const std::string& topic) const {
    auto it = ctx_.topics.find(topic);
    if (it != ctx_.topics.end()) {
        auto config = it->second.configs.find("unclean.leader.election.enable");
        if (config != it->second.configs.end()) return config->second == "true";
    }
    return config_.unclean_leader_election_enable;
}

void ZkController::write_states(StateMap states, std::function<void(StateMap)> then) {
    auto written = std::make_shared<StateMap>();
    auto step = after_all(states.size(), [written, then] { then(*written); });
    for (auto& [tp, state] : states) {
        state.controller_epoch = epoch_;
        auto write = recurring_step([this, tp = tp, state = state, written, step](const auto& again) {
            std::int32_t version = ctx_.states.count(tp) ? ctx_.states[tp].partition_epoch : zk::any_version;
            zk()->set_data(zk_data::partition_state_path(tp), zk_data::encode_partition_state(state), version,
                           guarded([this, tp, state, written, step, again](const zk::StatResult& set) {
                               if (set.code == ZkCode::connection_loss) return retry_later(again);
                               if (set.code == ZkCode::bad_version) return reconcile_state(tp, state, written, step);
                               if (set.code == ZkCode::ok) {
                                   LeaderAndIsr stored = state;
                                   stored.partition_epoch = set.stat->version;
                                   auto before = ctx_.states.find(tp);
                                   if (before == ctx_.states.end() || before->second.leader != stored.leader) {
                                       record_leader(tp, stored);
                                   } else if (before->second.isr != stored.isr) {
                                       // Every ISR the controller writes with the same
                                       // leader: its own shrinks (onBrokerFailure, a
                                       // controlled shutdown) and leaders' AlterPartition.
                                       record_event(context_, IsrChanged{tp, stored.leader, stored.leader_epoch, stored.isr});
                                   }
                                   ctx_.states[tp] = stored;
                                   (*written)[tp] = stored;
                               }
                               step();
                           }));
        });
        write();
    }
}

void ZkController::reconcile_state(const TopicPartition& tp, const LeaderAndIsr& intended,
                                   std::shared_ptr<StateMap> written, std::function<void()> step) {
    // BADVERSION: the state znode moved on without us. Either an earlier attempt of this
    // very write went through and only its answer was lost (the retry after a connection
    // loss then meets its own version bump), or someone else wrote it. Read it back, as
    // Kafka's ZkPartitionStateMachine re-reads the states it must retry: what the
    // controller believes must never lag ZooKeeper, or every later conditional write of
    // this partition fails and its leader's AlterPartition is refused for good.
    zk()->get_data(zk_data::partition_state_path(tp), false,
                   guarded([this, tp, intended, written, step](const zk::DataResult& read) {
                       if (read.code == ZkCode::connection_loss) {
                           return retry_later([this, tp, intended, written, step] {
                               reconcile_state(tp, intended, written, step);
                           });
                       }
                       auto current = read.code == ZkCode::ok ? zk_data::decode_partition_state(read.data, read.stat.version)
                                                              : std::nullopt;
                       if (current) {
                           bool ours = current->leader == intended.leader && current->leader_epoch == intended.leader_epoch &&
                                       current->isr == intended.isr && current->controller_epoch == intended.controller_epoch;
                           auto before = ctx_.states.find(tp);
                           if (ours && (before == ctx_.states.end() || before->second.leader != current->leader)) {
                               record_leader(tp, *current);
                           }
                           ctx_.states[tp] = *current;
                           if (ours) (*written)[tp] = *current;
                       }
                       step();
                   }));
}

void ZkController::create_states(StateMap states, std::function<void(StateMap)> then) {
    auto written = std::make_shared<StateMap>();
    auto step = after_all(states.size(), [written, then] { then(*written); });
    for (auto& [tp, state] : states) {
        state.controller_epoch = epoch_;
        // The state znode needs its parents: .../partitions and .../partitions/<p>.
        std::vector<std::string> chain{zk_data::partitions_path(tp.topic), zk_data::partition_path(tp)};
        auto create = recurring_step<std::size_t>([this, tp = tp, state = state, chain, written, step](
                                                      const auto& again, std::size_t i) {
            bool last = i == chain.size();
            std::string path = last ? zk_data::partition_state_path(tp) : chain[i];
            std::string data = last ? zk_data::encode_partition_state(state) : "";
            zk()->create(path, data, false,
                         guarded([this, tp, state, written, step, again, i, last](const zk::CreateResult& made) {
                             if (made.code == ZkCode::connection_loss) return retry_later([again, i] { again(i); });
                             if (!last) return again(i + 1);
                             if (made.code == ZkCode::ok) {
                                 ctx_.states[tp] = state;
                                 (*written)[tp] = state;
                                 record_leader(tp, state);
                             }
                             step();
                         }));
        });
        create(0);
    }
}

ZkController::StateMap ZkController::initial_states(const std::string& topic, std::int32_t first_partition) {
    StateMap states;
    const auto& assignment = ctx_.topics[topic].assignment;
    std::set<BrokerId> live = ctx_.live_ids();
    for (std::size_t p = static_cast<std::size_t>(first_partition); p < assignment.size(); ++p) {
        LeaderAndIsr state;
        // NewPartition -> OnlinePartition: the first live replica leads; all live ones are in sync.
        for (BrokerId replica : assignment[p]) {
            if (live.count(replica)) state.isr.push_back(replica);
        }
        state.leader = state.isr.empty() ? no_broker : state.isr.front();
        states[TopicPartition{topic, static_cast<std::int32_t>(p)}] = state;
    }
    return states;
}

ZkController::StateMap ZkController::states_for_offline_partitions(const StateMap& already_decided) {
    StateMap states;
    std::set<BrokerId> live = ctx_.live_ids();
    for (const auto& [tp, state] : ctx_.states) {
        if (ctx_.topics_being_deleted.count(tp.topic)) continue;
        // Elected once already in this step: electing again would announce it twice.
        if (already_decided.count(tp)) continue;
        if (state.has_leader() && live.count(state.leader)) continue;
        const auto* replicas = ctx_.replicas(tp);
        if (!replicas) continue;
        auto elected = elect_offline_leader(*replicas, state.isr, live, unclean_allowed(tp.topic));
        if (!elected) continue;
        if (elected->unclean) {
            record_event(context_, UncleanLeaderElected{tp, elected->leader});
        }
        LeaderAndIsr next = state;
        next.leader = elected->leader;
        next.isr = elected->isr;
        next.leader_epoch = state.leader_epoch + 1;
        states[tp] = next;
    }
    return states;
}

ZkController::StateMap ZkController::states_after_failure(const std::set<BrokerId>& dead, bool elect) {
    StateMap states;
    std::set<BrokerId> live = ctx_.live_ids();
    for (const auto& [tp, state] : ctx_.states) {
        bool leader_dead = state.has_leader() && dead.count(state.leader);
        bool isr_touched = std::any_of(state.isr.begin(), state.isr.end(), [&](BrokerId id) { return dead.count(id); });
        if (!leader_dead && !isr_touched) continue;
        LeaderAndIsr next = state;
        next.leader_epoch = state.leader_epoch + 1;
        const auto* replicas = ctx_.replicas(tp);
        if (leader_dead && replicas) {
            auto elected = elect ? elect_offline_leader(*replicas, state.isr, live, unclean_allowed(tp.topic))
                                 : std::nullopt;
            if (elected) {
                next.leader = elected->leader;
                next.isr = elected->isr;
                if (elected->unclean) {
                    record_event(context_, UncleanLeaderElected{tp, elected->leader});
                }
                states[tp] = next;
                continue;
            }
            next.leader = no_broker;
        }
        // Removing dead replicas from the ISR never empties it: the last member stays,
        // so that it alone may lead cleanly when it returns (ReplicaStateMachine).
        std::vector<BrokerId> isr;
        for (BrokerId id : state.isr) {
            if (!dead.count(id)) isr.push_back(id);
        }
        if (isr.empty() && !state.isr.empty()) isr.push_back(state.isr.back());
        next.isr = isr;
        states[tp] = next;
    }
    return states;
}

void ZkController::record_leader(const TopicPartition& tp, const LeaderAndIsr& state) {
    record_event(context_, LeaderElected{tp, state.has_leader() ? state.leader : no_broker, state.leader_epoch, state.isr});
}

// --- Telling brokers ---------------------------------------------------------------

std::int64_t ZkController::broker_epoch(BrokerId broker) const {
    auto it = ctx_.broker_epochs.find(broker);
    return it == ctx_.broker_epochs.end() ? -1 : it->second.value;
}

std::vector<TopicPartition> ZkController::all_partitions() const {
    std::vector<TopicPartition> all;
    for (const auto& [tp, state] : ctx_.states) all.push_back(tp);
    return all;
}

void ZkController::send_leader_and_isr(const std::set<BrokerId>& brokers, const std::vector<TopicPartition>& partitions) {
    std::vector<BrokerEndpoint> leaders;
    for (const auto& [id, endpoint] : ctx_.live_brokers) leaders.push_back(endpoint);
    for (BrokerId broker : brokers) {
        if (!ctx_.live_brokers.count(broker)) continue;
        auto request = std::make_shared<LeaderAndIsrRequest>();
        request->controller_id = config_.broker_id;
        request->controller_epoch = epoch_;
        request->broker_epoch = broker_epoch(broker);
        request->live_leaders = leaders;
        for (const auto& tp : partitions) {
            const auto* replicas = ctx_.replicas(tp);
            if (!replicas || std::find(replicas->begin(), replicas->end(), broker) == replicas->end()) continue;
            request->partitions.push_back(ctx_.partition_state(tp));
            request->topic_configs[tp.topic] = ctx_.topics[tp.topic].configs;
        }
        if (!request->partitions.empty()) channel_.send(broker, request);
    }
}

namespace {

/// One UpdateMetadata for the given partitions, to be copied for each broker: the copies
/// share the partition list (each copy needs its own correlation id).
UpdateMetadataRequest update_metadata(const ControllerContext& ctx, BrokerId controller, ControllerEpoch epoch,
                                      const std::vector<TopicPartition>& partitions,
                                      const std::vector<std::string>& deleted_topics = {}) {
    UpdateMetadataRequest shared;
    shared.controller_id = controller;
    shared.controller_epoch = epoch;
    shared.deleted_topics = deleted_topics;
    for (const auto& [id, e] : ctx.live_brokers) shared.live_brokers.push_back(e);
    auto states = std::make_shared<std::vector<PartitionState>>();
    states->reserve(partitions.size());
    for (const auto& tp : partitions) {
        auto topic = ctx.topics.find(tp.topic);
        if (topic == ctx.topics.end()) continue;
        states->push_back(ctx.partition_state(tp));
        shared.topic_configs.try_emplace(tp.topic, topic->second.configs);
    }
    shared.partitions = std::move(states);
    return shared;
}

}  // namespace

void ZkController::send_update_metadata(const std::vector<TopicPartition>& partitions,
                                        const std::vector<std::string>& deleted_topics) {
    // Every broker gets the same content: build it once.
    UpdateMetadataRequest shared = update_metadata(ctx_, config_.broker_id, epoch_, partitions, deleted_topics);
    for (const auto& [broker, endpoint] : ctx_.live_brokers) {
        auto request = std::make_shared<UpdateMetadataRequest>(shared);
        request->broker_epoch = broker_epoch(broker);
        channel_.send(broker, std::move(request));
    }
}

// --- Broker changes --------------------------------------------------------------

void ZkController::on_broker_change(Done done) {
    read_brokers(guarded([this, done](std::map<BrokerId, BrokerEndpoint> current, BrokerEpochs epochs) {
        std::set<BrokerId> dead, born;
        for (const auto& [id, endpoint] : ctx_.live_brokers) {
            // KIP-380: a broker that died and registered again between two reads (its
            // watch event lost, or the two changes read at once) is gone and back, or
            // the partitions it led would wait for it forever.
            auto before = ctx_.broker_epochs.find(id);
            auto now = epochs.find(id);
            bool bounced = now != epochs.end() && before != ctx_.broker_epochs.end() && now->second != before->second;
            if (!current.count(id) || bounced) dead.insert(id);
            if (bounced) born.insert(id);
        }
        for (const auto& [id, endpoint] : current) {
            if (!ctx_.live_brokers.count(id)) born.insert(id);
        }
        // A bounced broker is not live while its partitions move away
        // (processBrokerChange: onBrokerFailure, then onBrokerStartup).
        ctx_.live_brokers = current;
        for (BrokerId id : dead) ctx_.live_brokers.erase(id);
        ctx_.broker_epochs = epochs;
        for (BrokerId id : dead) {
            channel_.remove_broker(id);
            ctx_.shutting_down.erase(id);
        }
        if (!dead.empty()) {
            record_event(context_, BrokersFailed{std::vector<BrokerId>(dead.begin(), dead.end())});
        }
        StateMap changes = states_after_failure(dead);
        write_states(std::move(changes), guarded([this, done, dead, born, current](StateMap after_failure) {
            for (BrokerId id : born) ctx_.live_brokers[id] = current.at(id);
            // A returning broker may be the one an offline partition waits for.
            write_states(states_for_offline_partitions(), guarded([this, done, dead, born, after_failure](StateMap elected) {
                std::vector<TopicPartition> changed;
                for (const auto& [tp, s] : after_failure) changed.push_back(tp);
                for (const auto& [tp, s] : elected) changed.push_back(tp);
                // UpdateMetadata as onBrokerFailure and onBrokerStartup send it: the
                // brokers that stayed hear of the new broker list and of the partitions
                // whose state changed or that have a replica on a broker that came or
                // went (their offline replicas changed); only a broker that (re)joined,
                // its cache empty, gets every partition. Every partition to every broker
                // would be 4.8 GB at 1,000 brokers and 100,000 partitions.
                std::set<TopicPartition> touched(changed.begin(), changed.end());
                for (const auto& [tp, state] : ctx_.states) {
                    const auto* replicas = ctx_.replicas(tp);
                    if (replicas && std::any_of(replicas->begin(), replicas->end(), [&](BrokerId id) {
                            return dead.count(id) || born.count(id);
                        })) {
                        touched.insert(tp);
                    }
                }
                UpdateMetadataRequest update = update_metadata(ctx_, config_.broker_id, epoch_, {touched.begin(), touched.end()});
                UpdateMetadataRequest full;
                if (!born.empty()) full = update_metadata(ctx_, config_.broker_id, epoch_, all_partitions());
                for (const auto& [broker, endpoint] : ctx_.live_brokers) {
                    auto request = std::make_shared<UpdateMetadataRequest>(born.count(broker) ? full : update);
                    request->broker_epoch = broker_epoch(broker);
                    channel_.send(broker, std::move(request));
                }
                send_leader_and_isr(ctx_.live_ids(), changed);
                send_leader_and_isr(born, all_partitions());
                done();
            }));
        }));
    }));
}

}  // namespace kafkalab::kafka
