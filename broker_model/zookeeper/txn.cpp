#include "broker_model/zookeeper/txn.h"

#include <fmt/format.h>

namespace kafkalab::kafka::zk {

const char* txn_type_name(TxnType type) {
    switch (type) {
        case TxnType::create_session: return "createSession";
        case TxnType::close_session: return "closeSession";
        case TxnType::create: return "create";
        case TxnType::delete_node: return "delete";
        case TxnType::set_data: return "setData";
        case TxnType::error: return "error";
    }
    return "unknown";
}

std::string Txn::summary() const {
    switch (type) {
        case TxnType::create_session:
        case TxnType::close_session:
            return fmt::format("{} {} {}", format_zxid(zxid), txn_type_name(type), format_session(session));
        case TxnType::error: return fmt::format("{} error {}", format_zxid(zxid), code_name(error));
        case TxnType::create:
            return fmt::format("{} create {}{}", format_zxid(zxid), path, ephemeral ? " ephemeral" : "");
        default: return fmt::format("{} {} {}", format_zxid(zxid), txn_type_name(type), path);
    }
}

}  // namespace kafkalab::kafka::zk
