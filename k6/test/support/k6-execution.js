// Stand-in for k6/execution in node tests.
export default { vu: { idInTest: 1 }, scenario: { name: 'reactive', startTime: Date.now() } };
