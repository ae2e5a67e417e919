def register_deadlines(): pass
