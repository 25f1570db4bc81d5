# bench/run's table (bench/summary.awk): a program run several times shows the median
# of its runs, and the ratio against a peer is the ratio of the two medians.
# Needs SUMMARY (the awk script) and WORKDIR.
string(ASCII 9 tab)
set(workload "produce 1 M records, acks=all, RF 3")
set(lines "")
foreach(row "kafkalab;7e6;252" "kafkalab;3e6;251" "kafkalab;5e6;250"
            "librdkafka 2.0.2 mock;1.4e6;116" "librdkafka 2.0.2 mock;1.6e6;115" "librdkafka 2.0.2 mock;0.5e6;117"
            "librdkafka 2.0.2 mock;1.5e6;114")
  list(GET row 0 system)
  list(GET row 1 value)
  list(GET row 2 rss)
  string(APPEND lines "result${tab}${workload}${tab}${system}${tab}${value}${tab}records/s${tab}${rss}\n")
endforeach()
file(WRITE ${WORKDIR}/bench_results.tsv "${lines}")
execute_process(COMMAND awk "-F${tab}" -f ${SUMMARY} ${WORKDIR}/bench_results.tsv
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "awk exited ${code}: ${err}")
endif()
# kafkalab: median of 3, 5, 7 M; the mock: median of 0.5, 1.4, 1.5, 1.6 M is 1.45 M;
# 5 / 1.45 = 3.45, under the 5x target.
foreach(expected "kafkalab +3 +5.00 M records/s +251.0" "librdkafka 2.0.2 mock +4 +1.45 M records/s +115.5 +3.45x +>= 5x +no")
  if(NOT out MATCHES "${expected}")
    message(FATAL_ERROR "summary lacks '${expected}':\n${out}")
  endif()
endforeach()
