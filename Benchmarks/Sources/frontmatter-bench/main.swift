print("frontmatter-bench: not written yet")
