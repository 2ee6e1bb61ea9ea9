set terminal svg size 1000,560 dynamic font 'sans,12' background '#ffffff'
set grid
set key outside right top
set datafile missing 'NaN'
set xlabel 'concurrent clients (wrk -c)'
set output 'throughput.svg'
set title "Overview under slow: throughput vs clients (critical path 600 ms)"
set ylabel '200 answers/s (median of repeats)'
set xrange [0:*]
set yrange [0:*]
plot [0:*] x/0.6 with lines dt 2 lw 2 lc rgb '#000000' title "Little's law: clients / 0.6 s", \
  200/0.6 with lines dt 3 lc rgb '#d62728' title 'wall 200 threads / 0.6 s', \
  400/0.6 with lines dt 3 lc rgb '#ff7f0e' title 'wall 400 threads / 0.6 s', \
  800/0.6 with lines dt 3 lc rgb '#8c564b' title 'wall 800 threads / 0.6 s', \
  1600/0.6 with lines dt 3 lc rgb '#e377c2' title 'wall 1600 threads / 0.6 s', \
  'load-reactive.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '#2ca02c' title 'reactive', \
  'load-blocking-200.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '#d62728' title 'blocking-200', \
  'load-blocking-400.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '#ff7f0e' title 'blocking-400', \
  'load-blocking-800.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '#8c564b' title 'blocking-800', \
  'load-blocking-1600.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '#e377c2' title 'blocking-1600', \
  'load-virtual.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '#1f77b4' title 'virtual'
set output 'p99.svg'
set title 'Overview p99 latency vs clients'
set ylabel 'p99 (ms)'
plot 'load-reactive.dat' using 1:4 with linespoints pt 7 lw 2 lc rgb '#2ca02c' title 'reactive', \
  'load-blocking-200.dat' using 1:4 with linespoints pt 7 lw 2 lc rgb '#d62728' title 'blocking-200', \
  'load-blocking-400.dat' using 1:4 with linespoints pt 7 lw 2 lc rgb '#ff7f0e' title 'blocking-400', \
  'load-blocking-800.dat' using 1:4 with linespoints pt 7 lw 2 lc rgb '#8c564b' title 'blocking-800', \
  'load-blocking-1600.dat' using 1:4 with linespoints pt 7 lw 2 lc rgb '#e377c2' title 'blocking-1600', \
  'load-virtual.dat' using 1:4 with linespoints pt 7 lw 2 lc rgb '#1f77b4' title 'virtual'
set output 'memory-rss.svg'
set title 'RSS above idle (MiB) vs requests in flight'
set xlabel 'requests in flight (measured)'
set ylabel 'RSS above idle (MiB)'
set yrange [*:*]
plot 'hold-reactive.dat' using 2:3 with linespoints pt 7 lw 2 lc rgb '#2ca02c' title 'reactive', \
  'hold-blocking-200.dat' using 2:3 with linespoints pt 7 lw 2 lc rgb '#d62728' title 'blocking-200', \
  'hold-blocking-400.dat' using 2:3 with linespoints pt 7 lw 2 lc rgb '#ff7f0e' title 'blocking-400', \
  'hold-blocking-800.dat' using 2:3 with linespoints pt 7 lw 2 lc rgb '#8c564b' title 'blocking-800', \
  'hold-blocking-1600.dat' using 2:3 with linespoints pt 7 lw 2 lc rgb '#e377c2' title 'blocking-1600', \
  'hold-virtual.dat' using 2:3 with linespoints pt 7 lw 2 lc rgb '#1f77b4' title 'virtual'
set output 'memory-heap.svg'
set title 'heap after GC above idle (MiB) vs requests in flight'
set xlabel 'requests in flight (measured)'
set ylabel 'heap after GC above idle (MiB)'
set yrange [*:*]
plot 'hold-reactive.dat' using 2:4 with linespoints pt 7 lw 2 lc rgb '#2ca02c' title 'reactive', \
  'hold-blocking-200.dat' using 2:4 with linespoints pt 7 lw 2 lc rgb '#d62728' title 'blocking-200', \
  'hold-blocking-400.dat' using 2:4 with linespoints pt 7 lw 2 lc rgb '#ff7f0e' title 'blocking-400', \
  'hold-blocking-800.dat' using 2:4 with linespoints pt 7 lw 2 lc rgb '#8c564b' title 'blocking-800', \
  'hold-blocking-1600.dat' using 2:4 with linespoints pt 7 lw 2 lc rgb '#e377c2' title 'blocking-1600', \
  'hold-virtual.dat' using 2:4 with linespoints pt 7 lw 2 lc rgb '#1f77b4' title 'virtual'
set output 'threads.svg'
set title 'live JVM (platform) threads above idle vs requests in flight'
set xlabel 'requests in flight (measured)'
set ylabel 'live JVM (platform) threads above idle'
set yrange [*:*]
plot 'hold-reactive.dat' using 2:5 with linespoints pt 7 lw 2 lc rgb '#2ca02c' title 'reactive', \
  'hold-blocking-200.dat' using 2:5 with linespoints pt 7 lw 2 lc rgb '#d62728' title 'blocking-200', \
  'hold-blocking-400.dat' using 2:5 with linespoints pt 7 lw 2 lc rgb '#ff7f0e' title 'blocking-400', \
  'hold-blocking-800.dat' using 2:5 with linespoints pt 7 lw 2 lc rgb '#8c564b' title 'blocking-800', \
  'hold-blocking-1600.dat' using 2:5 with linespoints pt 7 lw 2 lc rgb '#e377c2' title 'blocking-1600', \
  'hold-virtual.dat' using 2:5 with linespoints pt 7 lw 2 lc rgb '#1f77b4' title 'virtual'
set output 'cpu.svg'
set title 'CPU per request (process CPU time / requests answered)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8
set xlabel ''
set ylabel 'CPU ms per request'
set yrange [0:*]
set xtics rotate by -20
plot 'cpu.dat' using 2:xtic(1) title '250 clients', 'cpu.dat' using 3:xtic(1) title '1000 clients', 'cpu.dat' using 4:xtic(1) title '2000 clients'
