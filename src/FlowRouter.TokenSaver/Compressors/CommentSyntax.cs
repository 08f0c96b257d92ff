namespace FlowRouter.TokenSaver.Compressors;

/// <summary>The comment conventions <see cref="CommentScanner"/> knows.</summary>
internal enum CommentSyntax
{
    None,
    /// <summary><c>//</c> and <c>/* */</c>; <c>#</c> lines are preprocessor code.</summary>
    CLike,
    /// <summary><c>#</c> lines, plus docstrings (Python).</summary>
    Hash,
    /// <summary><c>&lt;!-- --&gt;</c>.</summary>
    Xml,
}
