# Turns the result lines bench/run gathered (workload, system, value, unit, peak MiB,
# tab-separated, after the word "result") into one table: each peer's row carries
# kafkalab's figure divided by the peer's, against the target ratio.
function human(v, unit) {
    if (unit ~ /\/s$/) {
        if (v >= 1e6) return sprintf("%.2f M %s", v / 1e6, unit)
        if (v >= 1e3) return sprintf("%.1f k %s", v / 1e3, unit)
    }
    return sprintf("%.3g %s", v, unit)
}
BEGIN {
    ratio_target["event kernel" SUBSEP "bare"] = 0.6
    ratio_target["event kernel" SUBSEP "ns-3"] = 1.5
    ratio_target["network messages" SUBSEP "SimGrid"] = 10
    ratio_target["produce 1 M records, acks=all, RF 3" SUBSEP "librdkafka"] = 5
    at_least["end to end: produce and consume 1 M records"] = 5e6
    at_least["produce 1 M records, acks=all, RF 3"] = 10e6
    at_most["scale: failover wall time"] = 10
    at_most["viewer: 3-broker lesson"] = 16
    at_most["viewer: 30 brokers, 300 partitions"] = 33
    at_most_memory["scale: failover wall time"] = 4096
    at_most["controlled stop of the controller: peak memory"] = 1024
}
$1 == "skipped" { skipped = skipped " " $2; next }
$1 == "result" {
    key = $2 SUBSEP $3
    if (!(key in runs)) { n++; workload[n] = $2; sysname[n] = $3; unit[n] = $5; key_of[n] = key }
    c = ++runs[key]; sample[key, c] = $4 + 0; sample_rss[key, c] = $6
    if (!($2 in seen)) { seen[$2] = 1; order[++workloads] = $2 }
}
# The median of a program's runs (bench/run repeats the short ones): on this kind of
# machine a single run of a Kafka workload moves by tens of percent with the memory the
# kernel happens to hand out, for the peer as much as for kafkalab.
function median(key, values,   c, i, j, t, sorted) {
    c = runs[key]
    for (i = 1; i <= c; i++) sorted[i] = values[key, i]
    for (i = 2; i <= c; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) { t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t }
    return c % 2 ? sorted[(c + 1) / 2] : (sorted[c / 2] + sorted[c / 2 + 1]) / 2
}
END {
    for (i = 1; i <= n; i++) {
        value[i] = median(key_of[i], sample)
        rss[i] = sample_rss[key_of[i], 1] == "-" ? "-" : median(key_of[i], sample_rss)
        if (sysname[i] == "kafkalab") ours[workload[i]] = value[i]
    }
    printf "%-46s  %-40s  %4s  %22s  %9s  %9s  %-16s  %s\n", "workload", "system", "runs", "figure (median)", "peak MiB", "ratio", "target", "met?"
    for (w = 1; w <= workloads; w++) {
        name = order[w]
        for (i = 1; i <= n; i++) {
            if (workload[i] != name) continue
            ratio = "-"; target = "-"; met = "-"
            if (sysname[i] == "kafkalab") {
                if (name in at_least) { target = ">= " human(at_least[name], unit[i]); met = value[i] >= at_least[name] ? "yes" : "no" }
                if (name in at_most) {
                    target = "<= " at_most[name] " " unit[i]; met = value[i] <= at_most[name] ? "yes" : "no"
                    if (name in at_most_memory && rss[i] > at_most_memory[name]) met = "no (memory)"
                }
            } else if (name in ours && value[i] > 0) {
                r = ours[name] / value[i]; ratio = sprintf("%.2fx", r)
                for (key in ratio_target) {
                    split(key, part, SUBSEP)
                    if (part[1] == name && index(sysname[i], part[2]) == 1) {
                        target = ">= " ratio_target[key] "x"; met = r >= ratio_target[key] ? "yes" : "no"
                    }
                }
            }
            peak = rss[i] == "-" ? "-" : sprintf("%.1f", rss[i])
            printf "%-46s  %-40s  %4d  %22s  %9s  %9s  %-16s  %s\n", name, sysname[i], runs[key_of[i]], human(value[i], unit[i]), peak, ratio, target, met
        }
    }
    if (skipped != "") printf "\nskipped (not built):%s\n", skipped
}
