import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { heapReadings, sumSamples } from '../lib/prometheus.js';

const EXPOSITION = `# HELP jvm_memory_used_bytes The amount of used memory
# TYPE jvm_memory_used_bytes gauge
jvm_memory_used_bytes{application="fanout-lab-reactive",area="heap",id="G1 Eden Space",stack="reactive"} 2.5165824E7
jvm_memory_used_bytes{application="fanout-lab-reactive",area="heap",id="G1 Old Gen",stack="reactive"} 1.8874368E7
jvm_memory_used_bytes{application="fanout-lab-reactive",area="heap",id="G1 Survivor Space",stack="reactive"} 1048576.0
jvm_memory_used_bytes{application="fanout-lab-reactive",area="nonheap",id="Metaspace",stack="reactive"} 6.7108864E7
# HELP jvm_gc_live_data_size_bytes Size of long-lived heap memory pool after reclamation
# TYPE jvm_gc_live_data_size_bytes gauge
jvm_gc_live_data_size_bytes{application="fanout-lab-reactive",stack="reactive"} 1.572864E7
`;

describe('sumSamples', () => {
  it('sums the samples whose labels match', () => {
    assert.equal(sumSamples(EXPOSITION, 'jvm_memory_used_bytes', { area: 'heap' }), 25165824 + 18874368 + 1048576);
    assert.equal(sumSamples(EXPOSITION, 'jvm_memory_used_bytes', { area: 'nonheap' }), 67108864);
  });

  it('is undefined when nothing matches', () => {
    assert.equal(sumSamples(EXPOSITION, 'jvm_threads_live_threads'), undefined);
    assert.equal(sumSamples('', 'jvm_memory_used_bytes'), undefined);
  });

  it('does not match a metric whose name only starts the same', () => {
    assert.equal(sumSamples('jvm_memory_used_bytes_total 5\njvm_memory_used_bytes 7\n', 'jvm_memory_used_bytes'), 7);
  });
});

describe('heapReadings', () => {
  it('reads heap in use and live data after GC', () => {
    assert.deepEqual(heapReadings(EXPOSITION), { heapUsed: 45088768, liveData: 15728640 });
  });
});
