# Plots docs/growth.tsv (written by bench/growth): wall time and peak memory against
# the amount of work, log-log, one line per series. A slope of 1 is linear growth.
set terminal pngcairo size 1200,520 font "DejaVu Sans,11"
set output "docs/images/growth.png"
set datafile separator "\t"
set multiplot layout 1,2 title "kafkalab: cost against work (10x steps)"
set logscale xy
set grid
set key top left
set xlabel "work (records, partitions or brokers)"
set ylabel "wall seconds"
plot for [s in "records partitions brokers"] "docs/growth.tsv" every ::1 using (strcol(1) eq s ? $2 : NaN):3 \
     with linespoints title s
set ylabel "peak memory (MiB)"
plot for [s in "records partitions brokers"] "docs/growth.tsv" every ::1 using (strcol(1) eq s ? $2 : NaN):4 \
     with linespoints title s
unset multiplot
