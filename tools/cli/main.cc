// Placeholder entry point replaced by the CLI once the library stages land.
int main() { return 0; }
