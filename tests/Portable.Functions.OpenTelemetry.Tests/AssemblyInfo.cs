// The invocation source and meter are process-wide: one test's listener would see another's spans.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
