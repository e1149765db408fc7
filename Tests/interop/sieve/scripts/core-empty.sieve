# An empty script: only the implicit keep.
