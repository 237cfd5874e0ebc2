// Small browser helpers the Blazor components call through JS interop.
