# Runs a scenario with --trace alone and with --trace --metrics: the traces must be
# identical (sampling never changes a run), and the CSV must have its header and
# the ISR size of the crashed leader's partition.
execute_process(COMMAND ${KAFKALAB} run --quiet --trace ${WORKDIR}/plain.jsonl ${SCENARIO}
                RESULT_VARIABLE code OUTPUT_QUIET)
execute_process(COMMAND ${KAFKALAB} run --quiet --trace ${WORKDIR}/sampled.jsonl
                        --metrics ${WORKDIR}/metrics.csv --metrics-interval 250ms ${SCENARIO}
                RESULT_VARIABLE code OUTPUT_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "kafkalab run --metrics exited with ${code}\n${out}")
endif()
file(READ ${WORKDIR}/plain.jsonl plain)
file(READ ${WORKDIR}/sampled.jsonl sampled)
if(NOT plain STREQUAL sampled)
  message(FATAL_ERROR "--metrics changed the trace")
endif()
file(STRINGS ${WORKDIR}/metrics.csv lines)
list(GET lines 0 header)
if(NOT header STREQUAL "time_s,kind,name,topic,partition,metric,value")
  message(FATAL_ERROR "unexpected CSV header '${header}'")
endif()
if(NOT "${lines}" MATCHES "0\\.250000,partition,,t,0,isr_size,3")
  message(FATAL_ERROR "no isr_size row for t-0 at 0.25 s")
endif()
