namespace Portable.Functions.Hosting;

/// <summary>Whether the messages of a batch must be processed in order.</summary>
public enum BatchOrdering
{
    /// <summary>Every message is invoked, whatever happened to the others (a standard queue).</summary>
    Unordered,

    /// <summary>
    /// An ordered source (FIFO queue, stream shard, partition) or a platform that settles the batch as
    /// a whole: after the first message that must be retried, the rest are not invoked and count as
    /// retry, so no later message overtakes it.
    /// </summary>
    Ordered,
}
