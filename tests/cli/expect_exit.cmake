# Runs COMMAND (a ;-list) and checks its exit code and, optionally, that its output
# contains EXPECT_OUTPUT. Used for kafkalab's command-line tests.
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL EXPECT_CODE)
  message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_CODE}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECT_OUTPUT AND NOT "${out}${err}" MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "output does not contain '${EXPECT_OUTPUT}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
