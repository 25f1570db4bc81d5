# Standard output on a full device: the command must fail with exit code 4 and say
# so on standard error, not exit 0 (issue 25, item 4). Takes COMMAND (a ;-list).
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_FILE /dev/full ERROR_VARIABLE err)
if(NOT code EQUAL 4 OR NOT err MATCHES "cannot write to standard output: No space left on device")
  message(FATAL_ERROR "exit code ${code}, expected 4 and a message\nstderr:\n${err}")
endif()
