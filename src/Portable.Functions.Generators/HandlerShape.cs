using System.Collections.Generic;

namespace Portable.Functions.Generators;

/// <summary>Which Delegate overload was called.</summary>
internal enum MapKind
{
    Get,
    Post,
    Http,
    Event,
}

/// <summary>What the handler's first parameter receives.</summary>
internal enum InputKind
{
    /// <summary><c>FunctionRequest</c>: a raw HTTP function.</summary>
    Request,

    /// <summary>Any other type: a typed JSON function (POST).</summary>
    Json,

    /// <summary><c>CloudEvent&lt;T&gt;</c>: an event function with typed data.</summary>
    TypedEvent,

    /// <summary><c>CloudEvent</c>: a raw event function.</summary>
    RawEvent,
}

/// <summary>How the handler hands back its result.</summary>
internal enum ResultKind
{
    Sync,
    Task,
    ValueTask,
    Void,
}

/// <summary>A handler the generator accepted, with every type already written as C#.</summary>
internal sealed class HandlerShape
{
    public MapKind Map { get; set; }

    public InputKind Input { get; set; }

    /// <summary>The first parameter's type; for <see cref="InputKind.TypedEvent"/> the data type.</summary>
    public string InputType { get; set; } = "";

    public ResultKind Result { get; set; }

    /// <summary>The result type (inside Task/ValueTask), or null when there is none.</summary>
    public string? ResultType { get; set; }

    /// <summary>Expression that turns the <c>Delegate</c> parameter <c>handler</c> into the typed delegate.</summary>
    public string Cast { get; set; } = "";

    /// <summary>Argument expressions after the input, written against a variable <c>context</c>.</summary>
    public List<string> Arguments { get; } = [];

    /// <summary>The types of the required service parameters, declared on the descriptor so the app checks them at start-up.</summary>
    public List<string> RequiredServices { get; } = [];

    /// <summary>The <c>[InterceptsLocation(...)]</c> attribute for the call.</summary>
    public string Attribute { get; set; } = "";
}
