# Runs the same scenario twice with the same seed and requires byte-identical traces,
# then once with another seed and requires a different trace.
foreach(run first second)
  execute_process(COMMAND ${KAFKALAB} run --quiet --seed 7 --trace ${WORKDIR}/${run}.jsonl ${SCENARIO}
                  RESULT_VARIABLE code OUTPUT_QUIET)
endforeach()
execute_process(COMMAND ${KAFKALAB} run --quiet --seed 8 --trace ${WORKDIR}/other.jsonl ${SCENARIO}
                RESULT_VARIABLE code OUTPUT_QUIET)
file(READ ${WORKDIR}/first.jsonl first)
file(READ ${WORKDIR}/second.jsonl second)
file(READ ${WORKDIR}/other.jsonl other)
if(NOT first STREQUAL second)
  message(FATAL_ERROR "two runs with seed 7 wrote different traces")
endif()
if(first STREQUAL other)
  message(FATAL_ERROR "seeds 7 and 8 wrote the same trace")
endif()
string(LENGTH "${first}" size)
if(size LESS 1000)
  message(FATAL_ERROR "the trace is suspiciously short (${size} bytes)")
endif()
