gm validate nothing-here.yaml
