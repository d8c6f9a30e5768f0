// The trace tests register a process-wide ActivityListener; run the classes one after another so no
// other test sees its spans.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
