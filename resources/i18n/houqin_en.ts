<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../desktop/admin.py" line="82" />
        <location filename="../../desktop/admin.py" line="154" />
        <location filename="../../desktop/admin.py" line="218" />
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="83" />
        <location filename="../../desktop/admin.py" line="113" />
        <source>部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="84" />
        <source>系统设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="85" />
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="86" />
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="103" />
        <location filename="../../desktop/admin.py" line="107" />
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="105" />
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="107" />
        <source>锁定至 </source>
        <translation>Locked until </translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="111" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="112" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="116" />
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="122" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="123" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="124" />
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="134" />
        <source>用户名册</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="136" />
        <source>新增用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="137" />
        <location filename="../../desktop/admin.py" line="272" />
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="138" />
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="139" />
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="140" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="141" />
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="142" />
        <location filename="../../desktop/admin.py" line="274" />
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="154" />
        <source>请先选中一个用户。</source>
        <translation>Select a user first.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="168" />
        <location filename="../../desktop/admin.py" line="196" />
        <source>新增用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="176" />
        <source>修改用户</source>
        <translation>Edit user</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="197" />
        <source>用户已添加。初始密码（只显示这一次，请转告本人并提醒修改）：</source>
        <translation>User added. Initial password (shown once; pass it on and ask them to change it):</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="230" />
        <source>新密码（只显示这一次，请转告本人并提醒修改）：</source>
        <translation>New password (shown once; pass it on and ask them to change it):</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="243" />
        <source>作废用户</source>
        <translation>Void user</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="243" />
        <source>作废原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="259" />
        <source>部门名称</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="260" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>排序号</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="269" />
        <source>部门名册</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="270" />
        <source>新增部门…</source>
        <translation>Add department…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="286" />
        <source>新增部门</source>
        <translation>Add department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="293" />
        <source>修改部门</source>
        <translation>Edit department</translation>
    </message>
</context>
<context>
    <name>ApprovalCenter</name>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>已等待</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>当前审批人</source>
        <translation>Current approver</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="64" />
        <location filename="../../desktop/approvals.py" line="220" />
        <source>待我审批</source>
        <translation>Awaiting me</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="65" />
        <source>我的申请</source>
        <translation>My requests</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="66" />
        <source>抄送我的</source>
        <translation>Copied to me</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="67" />
        <source>委托代理</source>
        <translation>Delegations</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="71" />
        <source>审批中心</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="93" />
        <location filename="../../desktop/approvals.py" line="132" />
        <location filename="../../desktop/approvals.py" line="159" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="94" />
        <location filename="../../desktop/approvals.py" line="133" />
        <location filename="../../desktop/approvals.py" line="160" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="95" />
        <location filename="../../desktop/approvals.py" line="161" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="96" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="97" />
        <location filename="../../desktop/approvals.py" line="135" />
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="98" />
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="99" />
        <source>代理</source>
        <translation>On behalf of</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="117" />
        <source>搜索标题或申请人（支持拼音首字母）</source>
        <translation>Search title, applicant or pinyin</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="120" />
        <location filename="../../desktop/approvals.py" line="146" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="122" />
        <location filename="../../desktop/approvals.py" line="253" />
        <location filename="../../desktop/approvals.py" line="256" />
        <location filename="../../desktop/approvals.py" line="272" />
        <source>批量同意</source>
        <translation>Approve selected</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="123" />
        <source>同意所有选中的申请（每份单独处理）</source>
        <translation>Approve every selected request (each on its own)</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="134" />
        <location filename="../../desktop/approvals.py" line="162" />
        <location filename="../../desktop/approvals.py" line="190" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="136" />
        <source>办结时间</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="145" />
        <source>搜索标题</source>
        <translation>Search title</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="148" />
        <location filename="../../desktop/approvals.py" line="286" />
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="150" />
        <location filename="../../desktop/approvals.py" line="291" />
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="163" />
        <source>抄送人</source>
        <translation>Copied by</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="164" />
        <source>抄送时间</source>
        <translation>Copied at</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="179" />
        <source>全部审批</source>
        <translation>All approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="182" />
        <source>已撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="185" />
        <source>委托人</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="186" />
        <source>代理人</source>
        <translation>Delegate</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="187" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="188" />
        <source>开始</source>
        <translation>Starts</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="189" />
        <source>结束</source>
        <translation>Ends</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="194" />
        <source>新建委托…</source>
        <translation>New delegation…</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="196" />
        <source>撤销委托</source>
        <translation>Revoke delegation</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="253" />
        <source>请先选中要同意的申请。</source>
        <translation>Select the requests to approve first.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/approvals.py" line="256" />
        <source>同意选中的 %n 份申请？</source>
        <translation><numerusform>Approve the selected request?</numerusform><numerusform>Approve the %n selected requests?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/approvals.py" line="268" />
        <source>已同意 %n 份。</source>
        <translation><numerusform>%n approved.</numerusform><numerusform>%n approved.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/approvals.py" line="271" />
        <source>%n 份未能处理，见详细信息。</source>
        <translation><numerusform>%n could not be processed; see details.</numerusform><numerusform>%n could not be processed; see details.</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="276" />
        <source>正在批量审批…</source>
        <translation>Approving…</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="286" />
        <source>撤回这份申请？</source>
        <translation>Withdraw this request?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/approvals.py" line="291" />
        <source>已提醒 %n 位审批人。</source>
        <translation><numerusform>Reminded %n approver.</numerusform><numerusform>Reminded %n approvers.</numerusform></translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../desktop/attachments.py" line="80" />
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="97" />
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="97" />
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="97" />
        <source>上传人</source>
        <translation>Uploaded by</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="97" />
        <source>上传时间</source>
        <translation>Uploaded at</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="111" />
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="112" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="113" />
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="114" />
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="119" />
        <source>显示已作废</source>
        <translation>Show voided</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="160" />
        <source>已作废：</source>
        <translation>Voided: </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/attachments.py" line="181" />
        <source>共 %n 个附件</source>
        <translation><numerusform>%n attachment</numerusform><numerusform>%n attachments</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="182" />
        <source>可将文件拖放到此处添加</source>
        <translation>Drop files here to add them</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="210" />
        <source>添加附件</source>
        <translation>Add attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="239" />
        <source>正在上传：</source>
        <translation>Uploading: </translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="282" />
        <source>正在读取：</source>
        <translation>Reading: </translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="305" />
        <source>另存附件</source>
        <translation>Save attachment</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="328" />
        <source>作废附件</source>
        <translation>Void attachment</translation>
    </message>
    <message>
        <location filename="../../desktop/attachments.py" line="329" />
        <source>作废「%1」的原因：</source>
        <translation>Reason for voiding %1:</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <location filename="../../desktop/admin.py" line="383" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="384" />
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="385" />
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="386" />
        <source>记录号</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="387" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="390" />
        <source>变更内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="396" />
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="409" />
        <source>操作人（姓名、拼音或首字母）</source>
        <translation>By (name, pinyin or initials)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="410" />
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="418" />
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="421" />
        <source>全部对象</source>
        <translation>All objects</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="425" />
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="429" />
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="431" />
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="465" />
        <source>从 </source>
        <translation>From </translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="467" />
        <source>到 </source>
        <translation>To </translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../../desktop/tasks.py" line="150" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks.py" line="151" />
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks.py" line="166" />
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>CardWidget</name>
    <message>
        <source>查看 →</source>
        <translation>Open →</translation>
    </message>
    <message>
        <source>暂时无法读取</source>
        <translation>Cannot be read just now</translation>
    </message>
    <message>
        <source>暂无待办</source>
        <translation>Nothing waiting</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../desktop/connection.py" line="172" />
        <source>数据库连接</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="177" />
        <source>本机数据文件（SQLite，单机使用）</source>
        <translation>Data file on this PC (SQLite, one desktop)</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="178" />
        <source>数据库服务器（MySQL/MariaDB，多台电脑共用）</source>
        <translation>Database server (MySQL/MariaDB, shared by several PCs)</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="184" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="189" />
        <source>数据文件</source>
        <translation>Data file</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="191" />
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="201" />
        <source>在系统密码保管库中记住密码</source>
        <translation>Remember the password in the system's password store</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="211" />
        <source>这台电脑没有可用的系统密码保管库，密码不会被保存，每次启动需要重新输入。</source>
        <translation>This PC has no password store available: the password is not saved and must be entered at each start.</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="213" />
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="215" />
        <source>地址：</source>
        <translation>Host:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="216" />
        <source>端口：</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="217" />
        <source>数据库名：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="218" />
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="219" />
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="223" />
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="259" />
        <source>选择数据文件</source>
        <translation>Choose data file</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="261" />
        <source>后勤数据文件 (*.db);;所有文件 (*)</source>
        <translation>Houqin data files (*.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="287" />
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="291" />
        <source>连接成功（数据库版本 %1）</source>
        <translation>Connected (schema version %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="295" />
        <source>连接失败：</source>
        <translation>Connection failed: </translation>
    </message>
</context>
<context>
    <name>DelegationDialog</name>
    <message>
        <location filename="../../desktop/approvals.py" line="332" />
        <source>新建委托</source>
        <translation>New delegation</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="342" />
        <source>全部审批</source>
        <translation>All approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="353" />
        <source>代理人：</source>
        <translation>Delegate:</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="354" />
        <source>开始：</source>
        <translation>Starts:</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="355" />
        <source>结束：</source>
        <translation>Ends:</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="356" />
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="392" />
        <source>请从列表中选择代理人</source>
        <translation>Pick the delegate from the list</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>打开该单据本身的窗口（明细、附件、全部记录）</source>
        <translation>Open the document's own window (lines, attachments, full history)</translation>
    </message>
    <message>
        <source>查看完整单据</source>
        <translation>Open the document</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="74" />
        <source>审批意见（驳回、退回时必填）</source>
        <translation>Comment (required to reject or return)</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="77" />
        <source>同意</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="78" />
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="80" />
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="88" />
        <source>退回至：</source>
        <translation>Return to:</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="94" />
        <source>转交</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="95" />
        <source>抄送</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="99" />
        <source>人员：</source>
        <translation>Person:</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="104" />
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="105" />
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="108" />
        <source>打印申请批准单</source>
        <translation>Print approval form</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="110" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="119" />
        <source>处理</source>
        <translation>Decide</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="145" />
        <source>当前环节：</source>
        <translation>Current step: </translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="209" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="273" />
        <source>选择人员</source>
        <translation>Choose a person</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="273" />
        <source>请先在「人员」中选择一位同事。</source>
        <translation>Pick a colleague under "Person" first.</translation>
    </message>
<message>
        <source>附件：</source>
        <translation>Attachments: </translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="60" />
        <source>申请内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>处理人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="70" />
        <source>审批记录</source>
        <translation>Approval trail</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="174" />
        <source>（无附加内容）</source>
        <translation>(no further fields)</translation>
    </message>
    </context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../desktop/form_dialog.py" line="239" />
        <source>必填</source>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>home</name>
    <message>
        <source>待我接收的移交</source>
        <translation>Handovers awaiting me</translation>
    </message>
    <message>
        <source>承诺 </source>
        <translation>promised </translation>
    </message>
    <message>
        <source>本月：已完工维修的实际费用</source>
        <translation>This month: actual cost of repairs closed</translation>
    </message>
    <message>
        <source>上月（%1）</source>
        <translation>Last month (%1)</translation>
    </message>
    <message>
        <source>待鉴定维修</source>
        <translation>Repairs to assess</translation>
    </message>
    <message>
        <source>保养到期 / 逾期</source>
        <translation>Maintenance due / overdue</translation>
    </message>
    <message>
        <source>超期未完工维修</source>
        <translation>Repairs past their promised date</translation>
    </message>
    <message>
        <source>本月维修费用</source>
        <translation>Repair cost this month</translation>
    </message>
    <message>
        <source>本月：各部门领用（扣除退库），按目录单价</source>
        <translation>This month, net of returns, at catalogue price</translation>
    </message>
    <message>
        <source>待核定领用</source>
        <translation>Requisitions to check</translation>
    </message>
    <message>
        <source>待发放</source>
        <translation>To issue</translation>
    </message>
    <message>
        <source>盘点提醒</source>
        <translation>Stocktake due</translation>
    </message>
    <message>
        <source>本月领用金额</source>
        <translation>Supplies issued this month</translation>
    </message>
    <message>
        <source>待我审批</source>
        <translation>Awaiting my approval</translation>
    </message>
    <message>
        <source>我的申请（进行中）</source>
        <translation>My requests (under way)</translation>
    </message>
    <message>
        <source>还没有提交过申请</source>
        <translation>No requests yet</translation>
    </message>
    <message>
        <source>待确认退库</source>
        <translation>Returns to confirm</translation>
    </message>
<message>
        <source>我的回访（今日 / 逾期）</source>
        <translation>My callbacks (today / overdue)</translation>
    </message>
    <message>
        <source>投诉临近时限</source>
        <translation>Complaints near their deadline</translation>
    </message>
<message>
        <source>待确认考勤</source>
        <translation>Registers to confirm</translation>
    </message>
    <message>
        <source>本学年旷课</source>
        <translation>Truancies this school year</translation>
    </message>
        <message>
        <source>学时难以达标</source>
        <translation>Short of their hours</translation>
    </message>
    <message>
        <source>%1/%2 学时</source>
        <translation>%1/%2 hours</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>工作台</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>%1，您好。以下是等待您处理的事项。</source>
        <translation>Hello, %1. This is what awaits you.</translation>
    </message>
</context>
<context>
    <name>ListView</name>
    <message>
        <location filename="../../desktop/list_view.py" line="52" />
        <source>搜索（姓名、拼音或首字母，如 zs）</source>
        <translation>Search (name, pinyin or initials, e.g. zs)</translation>
    </message>
    <message>
        <location filename="../../desktop/list_view.py" line="66" />
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/list_view.py" line="67" />
        <source>按当前筛选条件导出全部记录</source>
        <translation>Export every record matching the current filters</translation>
    </message>
    <message>
        <location filename="../../desktop/list_view.py" line="174" />
        <source>读取失败：数据库暂时无法访问</source>
        <translation>Could not load: the database is unavailable</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/list_view.py" line="176" />
        <source>共 %n 条</source>
        <translation><numerusform>%n row</numerusform><numerusform>%n rows</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/list_view.py" line="178" />
        <source>已显示 %n 条，向下滚动继续加载</source>
        <translation><numerusform>%n row shown; scroll down for more</numerusform><numerusform>%n rows shown; scroll down for more</numerusform></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/login.py" line="222" />
        <source>请注意</source>
        <translation>Please note</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="91" />
        <source>登录 — 后勤综合管理系统</source>
        <translation>Sign in — Houqin Office Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="101" />
        <source>后勤综合管理系统</source>
        <translation>Houqin Office Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="110" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="113" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="114" />
        <source>记住用户名</source>
        <translation>Remember user name</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="120" />
        <source>更改…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="133" />
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="134" />
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="136" />
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="140" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="142" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="161" />
        <source>无法打开数据库：</source>
        <translation>Cannot open the database: </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>申请人催办了待您审批的申请（%1），请到审批中心尽快处理。</source>
        <translation>An applicant urged a request awaiting you (%1); please see Approvals.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="80" />
        <location filename="../../desktop/main_window.py" line="295" />
        <source>后勤综合管理系统</source>
        <translation>Houqin Office Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="99" />
        <source>没有可用的模块</source>
        <translation>No modules available</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="177" />
        <source>数据库连接中断</source>
        <translation>Database connection lost</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="203" />
        <source>系统(&amp;S)</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="204" />
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="207" />
        <source>数据库连接…</source>
        <translation>Database connection…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="210" />
        <location filename="../../desktop/main_window.py" line="247" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="219" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="222" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="223" />
        <location filename="../../desktop/main_window.py" line="294" />
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="231" />
        <source>当前用户：</source>
        <translation>User: </translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="235" />
        <source>角色：</source>
        <translation>Roles: </translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="238" />
        <source>当前数据库</source>
        <translation>Current database</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="248" />
        <source>界面语言将在下次启动时切换。</source>
        <translation>The language changes at the next start.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="257" />
        <source>数据库连接</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="257" />
        <source>新的数据库连接将在重新登录后生效。</source>
        <translation>The new database connection applies at the next sign-in.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="280" />
        <location filename="../../desktop/main_window.py" line="287" />
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="287" />
        <source>密码已修改。</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="297" />
        <source>模块：</source>
        <translation>Modules: </translation>
    </message>
    <message>
        <source>操作(&amp;A)</source>
        <translation>&amp;Actions</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>SearchPicker</name>
    <message>
        <location filename="../../desktop/pickers.py" line="30" />
        <source>输入姓名、拼音或首字母</source>
        <translation>Type a name, pinyin or initials</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../../desktop/admin.py" line="336" />
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="354" />
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/admin.py" line="368" />
        <source>已保存 %n 项更改。</source>
        <translation><numerusform>Saved %n change.</numerusform><numerusform>Saved %n changes.</numerusform></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/errors.py" line="68" />
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="69" />
        <source>仍要继续吗？</source>
        <translation>Continue anyway?</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="73" />
        <location filename="../../desktop/errors.py" line="88" />
        <source>无法完成</source>
        <translation>Cannot do this</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="76" />
        <source>内容已变化</source>
        <translation>Changed meanwhile</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="78" />
        <location filename="../../desktop/errors.py" line="82" />
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="83" />
        <source>数据库暂时无法访问，请检查网络或稍后再试。</source>
        <translation>The database is unavailable; check the network or try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="94" />
        <source>程序错误</source>
        <translation>Program error</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="95" />
        <source>发生了意外错误，操作未完成。请把详细信息发给系统管理员。</source>
        <translation>An unexpected error stopped the action. Please send the details to your administrator.</translation>
    </message>
</context>
<context>
    <name>exporting</name>
    <message>
        <location filename="../../desktop/exporting.py" line="73" />
        <location filename="../../desktop/exporting.py" line="95" />
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="74" />
        <source>已导出 %1 条到：</source>
        <translation>Exported %1 rows to:</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="82" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="97" />
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="133" />
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="135" />
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="153" />
        <location filename="../../desktop/exporting.py" line="166" />
        <location filename="../../desktop/exporting.py" line="182" />
        <source>从 Excel 导入</source>
        <translation>Import from Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="155" />
        <source>Excel 工作簿 (*.xlsx *.xlsm)</source>
        <translation>Excel workbook (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="167" />
        <source>确认导入？</source>
        <translation>Import now?</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="178" />
        <source>新用户的初始密码只显示这一次，见详细信息。</source>
        <translation>New users' initial passwords are shown once, in the details.</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="203" />
        <source>正在生成打印文件…</source>
        <translation>Preparing the printout…</translation>
    </message>
    <message>
        <source>保存 Excel</source>
        <translation>Save Excel</translation>
    </message>
    <message>
        <source>导入模板</source>
        <translation>Import template</translation>
    </message>
    <message>
        <source>模板已保存到：</source>
        <translation>Template saved to:</translation>
    </message>
    <message>
        <source>正在生成模板…</source>
        <translation>Writing the template…</translation>
    </message>
    <message>
        <source>已保存到：</source>
        <translation>Saved to:</translation>
    </message>
    <message>
        <source>保存错误清单</source>
        <translation>Save the error list</translation>
    </message>
    <message>
        <source>是否保存错误清单（有错误的行和“错误”列，改正后可重新导入）？</source>
        <translation>Save the error list (the rows with errors and an 错误 column, to fix and import again)?</translation>
    </message>
    <message>
        <source>导入错误清单</source>
        <translation>Import errors</translation>
    </message>
    <message>
        <source>正在保存错误清单…</source>
        <translation>Saving the error list…</translation>
    </message>
    <message>
        <source>错误清单已保存到：</source>
        <translation>Error list saved to:</translation>
    </message>
</context>
<context>
    <name>first_admin</name>
    <message>
        <location filename="../../desktop/login.py" line="61" />
        <source>首次使用：创建系统管理员</source>
        <translation>First start: create the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="69" />
        <source>这是一个新的数据库。请先创建系统管理员账户，之后用它登录并添加其他用户。</source>
        <translation>This is a new database. Create the administrator account first, then sign in with it and add the other users.</translation>
    </message>
</context>
<context>
    <name>modules</name>
    <message>
        <source>申请请假…</source>
        <translation>Ask for leave…</translation>
    </message>
    <message>
        <source>申报外出培训学分…</source>
        <translation>Claim external training credits…</translation>
    </message>
    <message>
        <source>我的培训档案…</source>
        <translation>My training record…</translation>
    </message>
    <message>
        <location filename="../../desktop/modules.py" line="83" />
        <source>审批中心</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/modules.py" line="92" />
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>办公用品</source>
        <translation>Office supplies</translation>
    </message>
    <message>
        <source>车辆管理</source>
        <translation>Fleet</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Home</translation>
    </message>
<message>
        <source>客户服务</source>
        <translation>Customer service</translation>
    </message>
<message>
        <source>培训管理</source>
        <translation>Training</translation>
    </message>
    </context>
<context>
    <name>supplies</name>
    <message>
        <source>申领数量</source>
        <translation>Asked</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>Specification</translation>
    </message>
    <message>
        <source>品名</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>显示 %1 / %2 项</source>
        <translation>Showing %1 of %2 lines</translation>
    </message>
    <message numerus="yes">
        <source>提交以下 %n 项领用申请？</source>
        <translation><numerusform>Submit this line?</numerusform><numerusform>Submit these %n lines?</numerusform></translation>
    </message>
    <message>
        <source>⚠ %1 申领 %2，现有库存仅 %3，需到货后方能发放</source>
        <translation>⚠ %1: %2 asked, only %3 in stock; issued once goods arrive</translation>
    </message>
    <message>
        <source>确认提交</source>
        <translation>Confirm submission</translation>
    </message>
    <message>
        <source>只看差异</source>
        <translation>Differences only</translation>
    </message>
    <message>
        <source>撤回这份申请？</source>
        <translation>Withdraw this request?</translation>
    </message>
    <message>
        <source>撤回这份申请（尚未审批完毕时）</source>
        <translation>Withdraw this request (while it is not yet decided)</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>审批记录</source>
        <translation>Approval trail</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>物品名称</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>规格型号</source>
        <translation>Specification</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>库存下限</source>
        <translation>Reorder level</translation>
    </message>
    <message>
        <source>参考单价</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>政府采购目录</source>
        <translation>Gov. catalogue</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>搜索物品（名称、规格、编码、拼音或首字母）</source>
        <translation>Search items (name, specification, code, pinyin or initials)</translation>
    </message>
    <message>
        <source>库存表</source>
        <translation>Stock on hand</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>只看需补货</source>
        <translation>Below reorder level only</translation>
    </message>
    <message>
        <source>新增物品…</source>
        <translation>New item…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>期初结存…</source>
        <translation>Opening balance…</translation>
    </message>
    <message>
        <source>物品台账</source>
        <translation>Item ledger</translation>
    </message>
    <message>
        <source>粉色行：库存已降到库存下限（含）以下，应补货</source>
        <translation>Pink rows: stock at or below the reorder level, reorder</translation>
    </message>
    <message>
        <source>新增物品</source>
        <translation>New item</translation>
    </message>
    <message>
        <source>修改物品</source>
        <translation>Edit item</translation>
    </message>
    <message>
        <source>期初结存</source>
        <translation>Opening balance</translation>
    </message>
    <message>
        <source>请先选中一个物品。</source>
        <translation>Select an item first.</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 笔出入库，</source>
        <translation><numerusform>%n movements, </numerusform><numerusform>%n movements, </numerusform></translation>
    </message>
    <message>
        <source>结存 </source>
        <translation>balance </translation>
    </message>
    <message>
        <source>（等于全部出入库之和）</source>
        <translation>(the sum of all movements)</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>正在生成打印文件…</source>
        <translation>Preparing the printout…</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已保存到：</source>
        <translation>Saved to:</translation>
    </message>
    <message>
        <source>输入物品名称、编码或拼音首字母</source>
        <translation>Type an item name, code or pinyin initials</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>物品目录与库存</source>
        <translation>Catalogue &amp; stock</translation>
    </message>
    <message>
        <source>领用申请</source>
        <translation>Requisitions</translation>
    </message>
    <message>
        <source>采购</source>
        <translation>Purchasing</translation>
    </message>
    <message>
        <source>盘点</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>办公用品</source>
        <translation>Office supplies</translation>
    </message>
    <message>
        <source>采购计划</source>
        <translation>Purchase plans</translation>
    </message>
    <message>
        <source>默认：某年第几季度办公用品采购计划</source>
        <translation>Default: office supplies purchase plan of the quarter</translation>
    </message>
    <message>
        <source>按补货建议填入</source>
        <translation>Fill from reorder suggestions</translation>
    </message>
    <message>
        <source>按库存、库存下限和近三个月平均领用量计算（S4）</source>
        <translation>From stock, reorder level and the average use of the last three months (S4)</translation>
    </message>
    <message>
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>季度：</source>
        <translation>Quarter:</translation>
    </message>
    <message>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>预算合计：</source>
        <translation>Budget total: </translation>
    </message>
    <message>
        <source>新建采购订单</source>
        <translation>New purchase order</translation>
    </message>
    <message>
        <source>委托或合同编号</source>
        <translation>Mandate or contract number</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>已订</source>
        <translation>Ordered</translation>
    </message>
    <message>
        <source>本次数量</source>
        <translation>Quantity now</translation>
    </message>
    <message>
        <source>（政府采购目录）</source>
        <translation> (gov. catalogue)</translation>
    </message>
    <message>
        <source>比价（至少两家，选定一家并写明理由，S2）</source>
        <translation>Quotes (at least two; choose one and say why, S2)</translation>
    </message>
    <message>
        <source>供应商</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <source>报价金额</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>选定</source>
        <translation>Chosen</translation>
    </message>
    <message>
        <source>增加报价</source>
        <translation>Add a quote</translation>
    </message>
    <message>
        <source>如：报价最低、质量相同</source>
        <translation>e.g. lowest price, same quality</translation>
    </message>
    <message>
        <source>选定理由：</source>
        <translation>Reason for the choice:</translation>
    </message>
    <message>
        <source>采购方式：</source>
        <translation>Method:</translation>
    </message>
    <message>
        <source>供应商：</source>
        <translation>Supplier:</translation>
    </message>
    <message>
        <source>集中采购编号：</source>
        <translation>Central procurement no.:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>到货入库</source>
        <translation>Receive goods</translation>
    </message>
    <message>
        <source>订购</source>
        <translation>Ordered</translation>
    </message>
    <message>
        <source>已到</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>本次入库</source>
        <translation>Receive now</translation>
    </message>
    <message>
        <source>退换货</source>
        <translation>Return / exchange</translation>
    </message>
    <message>
        <source>可退换 %1</source>
        <translation>%1 returnable</translation>
    </message>
    <message>
        <source>退货（回收）</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>调换</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>不适用或损坏的情况</source>
        <translation>What is unsuitable or damaged</translation>
    </message>
    <message>
        <source>换货已同时到货</source>
        <translation>Replacements arrived at the same time</translation>
    </message>
    <message>
        <source>入库明细：</source>
        <translation>Receipt line:</translation>
    </message>
    <message>
        <source>方式：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>数量：</source>
        <translation>Quantity:</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>在途</source>
        <translation>On order</translation>
    </message>
    <message>
        <source>月均领用</source>
        <translation>Monthly use</translation>
    </message>
    <message>
        <source>建议采购</source>
        <translation>Suggested</translation>
    </message>
    <message>
        <source>采购订单</source>
        <translation>Purchase orders</translation>
    </message>
    <message>
        <source>补货建议</source>
        <translation>Reorder suggestions</translation>
    </message>
    <message>
        <source>计划号</source>
        <translation>Plan no.</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>预算合计</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>编制时间</source>
        <translation>Prepared at</translation>
    </message>
    <message>
        <source>搜索计划号或标题</source>
        <translation>Search plan number or title</translation>
    </message>
    <message>
        <source>新建计划…</source>
        <translation>New plan…</translation>
    </message>
    <message>
        <source>报批</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>驳回…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <source>按计划下单…</source>
        <translation>Order against plan…</translation>
    </message>
    <message>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>采购方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>下单时间</source>
        <translation>Ordered at</translation>
    </message>
    <message>
        <source>选定理由</source>
        <translation>Reason for the choice</translation>
    </message>
    <message>
        <source>搜索订单号或供应商</source>
        <translation>Search order number or supplier</translation>
    </message>
    <message>
        <source>到货入库…</source>
        <translation>Receive…</translation>
    </message>
    <message>
        <source>退换货…</source>
        <translation>Return / exchange…</translation>
    </message>
    <message>
        <source>取消订单…</source>
        <translation>Cancel order…</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>驳回原因：</source>
        <translation>Reason for rejecting:</translation>
    </message>
    <message>
        <source>请先选中一份已批准的采购计划。</source>
        <translation>Select an approved purchase plan first.</translation>
    </message>
    <message>
        <source>取消订单</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>取消原因：</source>
        <translation>Reason for cancelling:</translation>
    </message>
    <message>
        <source>新建申请批准单</source>
        <translation>New requisition</translation>
    </message>
    <message>
        <source>如：日常办公、会议用</source>
        <translation>e.g. daily office use, a meeting</translation>
    </message>
    <message>
        <source>申请部门：</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>申请人：</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <source>用途：</source>
        <translation>Purpose:</translation>
    </message>
    <message>
        <source>后勤核对</source>
        <translation>Logistics check</translation>
    </message>
    <message>
        <source>申领</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>现有库存</source>
        <translation>In stock</translation>
    </message>
    <message>
        <source>批准数量</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>核减数量时须写明原因</source>
        <translation>Give the reason when approving less than asked</translation>
    </message>
    <message>
        <source>核对意见：</source>
        <translation>Check comment:</translation>
    </message>
    <message>
        <source>发放</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>本次发放</source>
        <translation>Issue now</translation>
    </message>
    <message>
        <source>领用人：</source>
        <translation>Receiver:</translation>
    </message>
    <message>
        <source>申请批准单</source>
        <translation>Requisition</translation>
    </message>
    <message>
        <source>已发放</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>状态：</source>
        <translation>State:</translation>
    </message>
    <message>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>申请部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>发放时间</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <source>领用人</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>搜索单号、部门或申请人</source>
        <translation>Search number, department or applicant</translation>
    </message>
    <message>
        <source>领用登记</source>
        <translation>Requisition register</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>未办结（审批中、待发放）</source>
        <translation>Open (pending, to issue)</translation>
    </message>
    <message>
        <source>新建申请…</source>
        <translation>New requisition…</translation>
    </message>
    <message>
        <source>核对…</source>
        <translation>Check…</translation>
    </message>
    <message>
        <source>发放…</source>
        <translation>Issue…</translation>
    </message>
    <message>
        <source>明细</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>同意申请批准单 %1？</source>
        <translation>Approve requisition %1?</translation>
    </message>
    <message>
        <source>全年</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <source>导出季度报表…</source>
        <translation>Export quarterly report…</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>明细：</source>
        <translation>Details:</translation>
    </message>
    <message>
        <source>领用合计：</source>
        <translation>Issued in total: </translation>
    </message>
    <message numerus="yes">
        <source>（%n 行）</source>
        <translation><numerusform>(%n rows)</numerusform><numerusform>(%n rows)</numerusform></translation>
    </message>
    <message>
        <source>%1年各部门领用金额（元，按季度）</source>
        <translation>Supplies issued per department in %1 (yuan, by quarter)</translation>
    </message>
    <message>
        <source>（无领用）</source>
        <translation>(nothing issued)</translation>
    </message>
    <message>
        <source>导出季度报表</source>
        <translation>Export quarterly report</translation>
    </message>
    <message>
        <source>正在生成季度报表…</source>
        <translation>Writing the quarterly report…</translation>
    </message>
    <message>
        <source>开始盘点</source>
        <translation>Start stocktake</translation>
    </message>
    <message>
        <source>盲盘（盘点人看不到账面数，提交后才显示差异）</source>
        <translation>Blind count (book quantities hidden until the count is handed in)</translation>
    </message>
    <message>
        <source>盘点期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>%1年第%2季度</source>
        <translation>%1 Q%2</translation>
    </message>
    <message>
        <source>（盲盘）</source>
        <translation> (blind)</translation>
    </message>
    <message>
        <source>开始盘点…</source>
        <translation>Start stocktake…</translation>
    </message>
    <message>
        <source>导入实盘数…</source>
        <translation>Import counts…</translation>
    </message>
    <message>
        <source>打印盘点表</source>
        <translation>Print count sheet</translation>
    </message>
    <message>
        <source>提交审批</source>
        <translation>Submit for approval</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Send back…</translation>
    </message>
    <message>
        <source>过账</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>导出盘点结果</source>
        <translation>Export result</translation>
    </message>
    <message>
        <source>录入：选中「实盘数」一格，输入数量后按回车，自动跳到下一行。</source>
        <translation>Entry: select a “Counted” cell, type the quantity and press Enter to move to the next row.</translation>
    </message>
    <message>
        <source>盘点单：</source>
        <translation>Stocktake:</translation>
    </message>
    <message>
        <source>已有盘点尚未完成</source>
        <translation>A stocktake is still under way</translation>
    </message>
    <message>
        <source>还没有盘点记录</source>
        <translation>No stocktake yet</translation>
    </message>
    <message>
        <source>已盘 %1 / %2 项</source>
        <translation>%1 of %2 counted</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <source>退回原因（请重新核对）：</source>
        <translation>Reason (count again):</translation>
    </message>
    <message>
        <source>过账后盘盈、盘亏计入台账，本次盘点不能再修改。继续？</source>
        <translation>Posting books the gains and losses to the ledger; the stocktake cannot change afterwards. Continue?</translation>
    </message>
    <message>
        <source>作废盘点</source>
        <translation>Void stocktake</translation>
    </message>
    <message>
        <source>作废原因：</source>
        <translation>Reason for voiding:</translation>
    </message>
    <message>
        <source>正在生成盘点表…</source>
        <translation>Preparing the count sheet…</translation>
    </message>
    <message>
        <source>导入实盘数</source>
        <translation>Import counts</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm)</source>
        <translation>Excel workbook (*.xlsx *.xlsm)</translation>
    </message>
    <message numerus="yes">
        <source>已导入 %n 项实盘数。</source>
        <translation><numerusform>%n counts imported.</numerusform><numerusform>%n counts imported.</numerusform></translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>确认导入？</source>
        <translation>Import now?</translation>
    </message>
    <message>
        <source>账面数</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>盘点期间变动</source>
        <translation>Moved during count</translation>
    </message>
    <message>
        <source>应有数</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>实盘数</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>差异</source>
        <translation>Variance</translation>
    </message>
    <message>
        <source>差异原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>单据号</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>入库</source>
        <translation>In</translation>
    </message>
    <message>
        <source>出库</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>结存</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>领用部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>退库…</source>
        <translation>Return to store…</translation>
    </message>
    <message>
        <source>退库</source>
        <translation>Return to store</translation>
    </message>
    <message>
        <source>可退库</source>
        <translation>Returnable</translation>
    </message>
    <message>
        <source>退库数量</source>
        <translation>Quantity returned</translation>
    </message>
    <message>
        <source>如：规格不符、破损、受潮</source>
        <translation>e.g. wrong specification, damaged, damp</translation>
    </message>
    <message>
        <source>退库原因：</source>
        <translation>Reason for the return:</translation>
    </message>
    <message>
        <source>退库单</source>
        <translation>Return slip</translation>
    </message>
    <message>
        <source>原申请批准单：</source>
        <translation>Original requisition:</translation>
    </message>
    <message>
        <source>后勤意见：</source>
        <translation>Logistics comment:</translation>
    </message>
    <message>
        <source>原申请批准单</source>
        <translation>Original requisition</translation>
    </message>
    <message>
        <source>退库原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>确认时间</source>
        <translation>Decided at</translation>
    </message>
    <message>
        <source>搜索单号、原申请批准单或部门</source>
        <translation>Search number, requisition or department</translation>
    </message>
    <message>
        <source>退库登记</source>
        <translation>Returns to store</translation>
    </message>
    <message>
        <source>确认退库</source>
        <translation>Confirm return</translation>
    </message>
    <message>
        <source>拒绝…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <source>确认退库单 %1？物品将回到库存。</source>
        <translation>Confirm return %1? The goods go back into stock.</translation>
    </message>
    <message>
        <source>拒绝退库</source>
        <translation>Refuse return</translation>
    </message>
    <message>
        <source>拒绝原因：</source>
        <translation>Reason for refusing:</translation>
    </message>
    <message>
        <source>撤回退库单 %1？</source>
        <translation>Withdraw return %1?</translation>
    </message>
    <message>
        <source>重新提交…</source>
        <translation>Resubmit…</translation>
    </message>
    <message>
        <source>重新提交</source>
        <translation>Resubmit</translation>
    </message>
    <message>
        <source>答复后勤：</source>
        <translation>Answer to logistics:</translation>
    </message>
</context>
<context>
    <name>FleetPage</name>
    <message>
        <source>车辆</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>维修</source>
        <translation>Repairs</translation>
    </message>
    <message>
        <source>保养</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>加油 / 用车</source>
        <translation>Fuel / use</translation>
    </message>
    <message>
        <source>修理厂 / 加油站</source>
        <translation>Shops / stations</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>车辆管理</source>
        <translation>Fleet</translation>
    </message>
</context>
<context>
    <name>FuelTab</name>
    <message>
        <source>加油时间</source>
        <translation>Filled at</translation>
    </message>
    <message>
        <source>车牌号</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>有车单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>加油站</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>加油量(升)</source>
        <translation>Litres</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>里程(km)</source>
        <translation>Odometer (km)</translation>
    </message>
    <message>
        <source>驾驶员</source>
        <translation>Drivers</translation>
    </message>
    <message>
        <source>搜索车牌号或加油站</source>
        <translation>Search plate or station</translation>
    </message>
    <message>
        <source>加油记录</source>
        <translation>Fuel log</translation>
    </message>
    <message>
        <source>登记加油…</source>
        <translation>Log fuel…</translation>
    </message>
    <message>
        <source>加油登记表…</source>
        <translation>Fuel register…</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>From</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>To</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>目的地</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>用车事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>出市</source>
        <translation>Out of city</translation>
    </message>
    <message>
        <source>私用</source>
        <translation>Private</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>搜索车牌号或目的地</source>
        <translation>Search plate or destination</translation>
    </message>
    <message>
        <source>用车申请</source>
        <translation>Vehicle use</translation>
    </message>
    <message>
        <source>用车申请…</source>
        <translation>Request a vehicle…</translation>
    </message>
    <message>
        <source>加油记录（定点加油）</source>
        <translation>Fuel log (designated stations)</translation>
    </message>
    <message>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
</context>
<context>
    <name>LineEditor</name>
    <message>
        <source>项目名称</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>总成</source>
        <translation>Assembly</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>单价（元）</source>
        <translation>Unit price (yuan)</translation>
    </message>
    <message>
        <source>保修（月）</source>
        <translation>Warranty (months)</translation>
    </message>
    <message>
        <source>添加项目</source>
        <translation>Add line</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>配件</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>工时</source>
        <translation>Labour</translation>
    </message>
    <message>
        <source>合计：</source>
        <translation>Total: </translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>MaintenanceTab</name>
    <message>
        <source>车牌号</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>有车单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>保养状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>到期日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>到期里程</source>
        <translation>Due km</translation>
    </message>
    <message>
        <source>剩余里程</source>
        <translation>Km left</translation>
    </message>
    <message>
        <source>待保养 / 已超期</source>
        <translation>Due / overdue</translation>
    </message>
    <message>
        <source>登记保养…</source>
        <translation>Record maintenance…</translation>
    </message>
    <message>
        <source>按期保养</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>保养次数</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>按期率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>按期保养率（按单位）</source>
        <translation>On-time maintenance by unit</translation>
    </message>
    <message>
        <source>期间：</source>
        <translation>Period: </translation>
    </message>
    <message>
        <source>保养日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>里程(km)</source>
        <translation>Odometer (km)</translation>
    </message>
    <message>
        <source>保养项目</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>费用</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>修理厂</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>按期</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>搜索车牌号或保养项目</source>
        <translation>Search plate or items</translation>
    </message>
    <message>
        <source>保养记录</source>
        <translation>Maintenance records</translation>
    </message>
    <message>
        <source>已超期 %1 辆，即将到期 %2 辆（按里程或月数，先到为准）</source>
        <translation>%1 overdue, %2 due soon (by km or months, whichever first)</translation>
    </message>
    <message>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
</context>
<context>
    <name>PlaceList</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>定点</source>
        <translation>Designated</translation>
    </message>
    <message>
        <source>搜索名称或地址</source>
        <translation>Search name or address</translation>
    </message>
    <message>
        <source>已移出</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>全部（含已移出）</source>
        <translation>All (incl. removed)</translation>
    </message>
    <message>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>移出定点</source>
        <translation>Remove from list</translation>
    </message>
    <message>
        <source>恢复定点</source>
        <translation>Designate again</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Download import template…</translation>
    </message>
    <message>
        <source>导出名录…</source>
        <translation>Export list…</translation>
    </message>
    <message>
        <source>名录</source>
        <translation>List</translation>
    </message>
    <message>
        <source>请先选中一行。</source>
        <translation>Select a row first.</translation>
    </message>
</context>
<context>
    <name>PlacesTab</name>
    <message>
        <source>定点修理厂</source>
        <translation>Designated repair shops</translation>
    </message>
    <message>
        <source>定点加油站</source>
        <translation>Designated fuel stations</translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <source>车辆维修保修单</source>
        <translation>Vehicle repair form</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>保修</source>
        <translation>Warranty</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>维修项目</source>
        <translation>Repair lines</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>审批记录</source>
        <translation>Approval trail</translation>
    </message>
    <message>
        <source>意见（驳回、退回时必填）</source>
        <translation>Comment (required to reject or return)</translation>
    </message>
    <message>
        <source>车管鉴定…</source>
        <translation>Assess…</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>备案并出具准修通知单</source>
        <translation>File and issue the authorisation</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>退回报修人</source>
        <translation>Return to driver</translation>
    </message>
    <message>
        <source>重新提交…</source>
        <translation>Resubmit…</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>进厂维修</source>
        <translation>Enter shop</translation>
    </message>
    <message>
        <source>追加项目…</source>
        <translation>Supplement…</translation>
    </message>
    <message>
        <source>登记完成项目</source>
        <translation>Record done</translation>
    </message>
    <message>
        <source>完工</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>出厂验收…</source>
        <translation>Exit acceptance…</translation>
    </message>
    <message>
        <source>同意追加</source>
        <translation>Approve supplement</translation>
    </message>
    <message>
        <source>驳回追加</source>
        <translation>Reject supplement</translation>
    </message>
    <message>
        <source>办理</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>打印保修单（一式三联）</source>
        <translation>Print repair form (3 copies)</translation>
    </message>
    <message>
        <source>打印准修通知单</source>
        <translation>Print authorisation</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>当前环节：</source>
        <translation>Current step: </translation>
    </message>
    <message>
        <source>工时</source>
        <translation>Labour</translation>
    </message>
    <message>
        <source>配件</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>总成</source>
        <translation>Assembly</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Supplement </translation>
    </message>
    <message>
        <source>鉴定</source>
        <translation>Assessment</translation>
    </message>
    <message numerus="yes">
        <source>%n 个月</source>
        <translation><numerusform>%n month</numerusform><numerusform>%n months</numerusform></translation>
    </message>
    <message>
        <source>勾选 = 此项不批准（大修报价逐项审批）</source>
        <translation>Checked = this line is declined (overhaul quote, line by line)</translation>
    </message>
    <message>
        <source>估计费用：</source>
        <translation>Estimate: </translation>
    </message>
    <message>
        <source>核准费用：</source>
        <translation>Approved: </translation>
    </message>
    <message>
        <source>已完成：</source>
        <translation>Done: </translation>
    </message>
    <message>
        <source>追加项目</source>
        <translation>Supplement</translation>
    </message>
    <message>
        <source>，总成或高价配件</source>
        <translation>, assembly or costly part</translation>
    </message>
    <message>
        <source>大修报价可逐项审批：在「维修项目」中勾选不批准的项目后点「同意」。</source>
        <translation>An overhaul quote may be approved line by line: check the lines you decline, then press "Approve".</translation>
    </message>
    <message>
        <source>修理厂完成一项，选中该行后点「登记完成项目」；准修范围外的须先「追加项目」。</source>
        <translation>When the shop finishes an item, select it and press "Record done"; anything outside the authorisation needs a supplement first.</translation>
    </message>
    <message>
        <source>车辆已完工，请驾驶员本人出厂验收并签字。</source>
        <translation>The work is done: the driver checks the vehicle and signs the acceptance.</translation>
    </message>
    <message>
        <source>撤回这份报修申请？</source>
        <translation>Withdraw this repair application?</translation>
    </message>
    <message>
        <source>请先选中修理厂已完成的项目。</source>
        <translation>Select the lines the shop has done first.</translation>
    </message>
    <message>
        <source>历史补录</source>
        <translation>Paper history</translation>
    </message>
</context>
<context>
    <name>RepairsTab</name>
    <message>
        <source>维修单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>车牌号</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>有车单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>故障情况</source>
        <translation>Fault</translation>
    </message>
    <message>
        <source>修理厂</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>报修时间</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>承诺完工</source>
        <translation>Promised</translation>
    </message>
    <message>
        <source>估计费用</source>
        <translation>Estimate</translation>
    </message>
    <message>
        <source>准修通知单</source>
        <translation>Authorisation</translation>
    </message>
    <message>
        <source>搜索车牌号、维修单号或故障描述</source>
        <translation>Search plate, repair number or fault</translation>
    </message>
    <message>
        <source>维修列表</source>
        <translation>Repairs</translation>
    </message>
    <message>
        <source>待我处理</source>
        <translation>Waiting for me</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>全部修理厂</source>
        <translation>All shops</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>报修…</source>
        <translation>Apply for repair…</translation>
    </message>
    <message>
        <source>历史维修</source>
        <translation>Past repairs</translation>
    </message>
    <message>
        <source>导入纸质维修记录…</source>
        <translation>Import paper records…</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Download import template…</translation>
    </message>
    <message>
        <source>维修</source>
        <translation>Repairs</translation>
    </message>
    <message>
        <source>请先选中一份维修单。</source>
        <translation>Select a repair first.</translation>
    </message>
    <message>
        <source>历史补录</source>
        <translation>Paper history</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <source>%1年%2月</source>
        <translation>%2/%1</translation>
    </message>
    <message>
        <source>填报单位（打印在月报表头）</source>
        <translation>Reporting unit (printed in the report header)</translation>
    </message>
    <message>
        <source>导出月报…</source>
        <translation>Export monthly report…</translation>
    </message>
    <message>
        <source>统计月份：</source>
        <translation>Month: </translation>
    </message>
    <message>
        <source>按单位</source>
        <translation>By unit</translation>
    </message>
    <message>
        <source>有车单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>按车辆</source>
        <translation>By vehicle</translation>
    </message>
    <message>
        <source>车牌号</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>按修理厂</source>
        <translation>By shop</translation>
    </message>
    <message>
        <source>修理厂</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>维修次数</source>
        <translation>Repairs</translation>
    </message>
    <message>
        <source>维修费用（元）</source>
        <translation>Cost (yuan)</translation>
    </message>
    <message>
        <source>及时率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>合格率</source>
        <translation>Pass rate</translation>
    </message>
    <message>
        <source>本月统计</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>近12个月维修费用、及时率与合格率</source>
        <translation>Last 12 months: repair cost, on-time and pass rates</translation>
    </message>
    <message>
        <source>完工 %1 次，费用 ¥%2，及时率 %3，合格率 %4</source>
        <translation>%1 repairs closed, cost ¥%2, on time %3, passed %4</translation>
    </message>
    <message>
        <source>有偿服务 %1 次；抽查回访 %2 份：%3</source>
        <translation>%1 paid services; %2 picked for spot-check callbacks: %3</translation>
    </message>
    <message>
        <source>有偿服务 %1 次；抽查回访 %2 份</source>
        <translation>%1 paid services; %2 picked for spot-check callbacks</translation>
    </message>
    <message>
        <source>导出月报</source>
        <translation>Export monthly report</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>月报已保存到：</source>
        <translation>Monthly report saved to:</translation>
    </message>
    <message>
        <source>正在生成月报…</source>
        <translation>Writing the monthly report…</translation>
    </message>
    <message>
        <source>（其中历史补录 %1 次、¥%2，不计入及时率和合格率）</source>
        <translation> (of which %1 from paper history, ¥%2, not in the on-time and pass rates)</translation>
    </message>
</context>
<context>
    <name>VehiclesTab</name>
    <message>
        <source>车牌号</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>有车单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>品牌型号</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>里程(km)</source>
        <translation>Odometer (km)</translation>
    </message>
    <message>
        <source>驾驶员</source>
        <translation>Drivers</translation>
    </message>
    <message>
        <source>保养</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>购置日期</source>
        <translation>Purchased</translation>
    </message>
    <message>
        <source>搜索车牌号、品牌型号或驾驶员（可用拼音）</source>
        <translation>Search plate, make and model or driver (pinyin too)</translation>
    </message>
    <message>
        <source>车辆列表</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>新增车辆…</source>
        <translation>Add vehicle…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>驾驶员…</source>
        <translation>Drivers…</translation>
    </message>
    <message>
        <source>恢复在用</source>
        <translation>Back in service</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Download import template…</translation>
    </message>
    <message>
        <source>导出车辆登记表…</source>
        <translation>Export vehicle register…</translation>
    </message>
    <message>
        <source>车辆</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>请先选中一辆车。</source>
        <translation>Select a vehicle first.</translation>
    </message>
    <message>
        <source>将 %1 设为「%2」？</source>
        <translation>Set %1 to "%2"?</translation>
    </message>
    <message>
        <source>车辆状态</source>
        <translation>Vehicle status</translation>
    </message>
</context>
<context>
    <name>fleet</name>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>一般维修</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>保存 Excel</source>
        <translation>Save Excel</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>修改车辆</source>
        <translation>Edit vehicle</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>出厂验收</source>
        <translation>Exit acceptance</translation>
    </message>
    <message>
        <source>分配驾驶员</source>
        <translation>Assign drivers</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>大修</source>
        <translation>Overhaul</translation>
    </message>
    <message>
        <source>定点加油站：输入名称或拼音首字母</source>
        <translation>Designated station: type its name or pinyin initials</translation>
    </message>
    <message>
        <source>导入模板</source>
        <translation>Import template</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>已导出 %1 条到：</source>
        <translation>Exported %1 rows to:</translation>
    </message>
    <message>
        <source>报修</source>
        <translation>Apply for repair</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>新增车辆</source>
        <translation>Add vehicle</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>模板已保存到：</source>
        <translation>Template saved to:</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>正在生成模板…</source>
        <translation>Writing the template…</translation>
    </message>
    <message>
        <source>用车申请</source>
        <translation>Vehicle use</translation>
    </message>
    <message>
        <source>登记保养</source>
        <translation>Record maintenance</translation>
    </message>
    <message>
        <source>登记加油</source>
        <translation>Log fuel</translation>
    </message>
    <message>
        <source>维修项目（配件、工时）：</source>
        <translation>Repair lines (parts, labour):</translation>
    </message>
    <message>
        <source>车管鉴定 · 车辆维修保修单</source>
        <translation>Assessment · repair form</translation>
    </message>
    <message>
        <source>追加项目</source>
        <translation>Supplement</translation>
    </message>
    <message>
        <source>里程由加油和保养记录更新</source>
        <translation>The odometer is updated by fuel and maintenance records</translation>
    </message>
    <message>
        <source>重新提交报修</source>
        <translation>Resubmit repair</translation>
    </message>
    <message>
        <source>更正保养记录</source>
        <translation>Correct maintenance record</translation>
    </message>
    <message>
        <source>更正加油记录</source>
        <translation>Correct fill-up</translation>
    </message>
    <message>
        <source>作废记录</source>
        <translation>Void record</translation>
    </message>
    <message>
        <source>作废原因：</source>
        <translation>Reason for voiding:</translation>
    </message>
</context>
<context>
    <name>SuppliesPage</name>
    <message>
        <source>办公用品</source>
        <translation>Office supplies</translation>
    </message>
    <message>
        <source>物品目录与库存</source>
        <translation>Catalogue &amp; stock</translation>
    </message>
    <message>
        <source>领用申请</source>
        <translation>Requisitions</translation>
    </message>
    <message>
        <source>采购</source>
        <translation>Purchasing</translation>
    </message>
    <message>
        <source>盘点</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>退库</source>
        <translation>Returns to store</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 页</source>
        <translation><numerusform>%n page</numerusform><numerusform>%n pages</numerusform></translation>
    </message>
</context>
<context>
    <name>document_view</name>
    <message>
        <source>申请内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>（无附加内容）</source>
        <translation>(no further fields)</translation>
    </message>
    <message>
        <source>附件：</source>
        <translation>Attachments: </translation>
    </message>
    <message>
        <source>审批记录</source>
        <translation>Approval trail</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>CallbacksPage</name>
    <message>
        <source>来电来访</source>
        <translation>Calls and visits</translation>
    </message>
    <message>
        <source>客户服务</source>
        <translation>Customer service</translation>
    </message>
    <message>
        <source>我的回访</source>
        <translation>My callbacks</translation>
    </message>
    <message>
        <source>客户档案</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>回访计划</source>
        <translation>Callback plans</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>问题跟踪</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>回访管理</source>
        <translation>Callback management</translation>
    </message>
</context>
<context>
    <name>callbacks</name>
    <message>
        <source>登记问题</source>
        <translation>Register a problem</translation>
    </message>
    <message>
        <source>新增客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>修改电话</source>
        <translation>Change phone</translation>
    </message>
    <message>
        <source>修改地址</source>
        <translation>Change address</translation>
    </message>
    <message>
        <source>标记重要客户</source>
        <translation>Mark as important customer</translation>
    </message>
    <message>
        <source>取消重要客户</source>
        <translation>No longer an important customer</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>无效</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <source>通过：关闭问题</source>
        <translation>Passed: close the problem</translation>
    </message>
    <message>
        <source>不通过：退回责任人整改</source>
        <translation>Not passed: back to its owner</translation>
    </message>
    <message>
        <source>报告整改完成</source>
        <translation>Report the fix</translation>
    </message>
    <message>
        <source>验证整改</source>
        <translation>Check the fix</translation>
    </message>
    <message>
        <source>改派问题</source>
        <translation>Reassign the problem</translation>
    </message>
    <message>
        <source>报告整改…</source>
        <translation>Report fixed…</translation>
    </message>
    <message>
        <source>验证…</source>
        <translation>Check…</translation>
    </message>
    <message>
        <source>改派…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <source>投诉请在「投诉」页用「登记投诉…」登记：受理时限从登记时起算。</source>
        <translation>Register a complaint on the Complaints tab with “Register a complaint…”: its acceptance deadline runs from then.</translation>
    </message>
    <message>
        <source>登记来电来访</source>
        <translation>Register a call or visit</translation>
    </message>
    <message>
        <source>编辑回访计划</source>
        <translation>Edit callback plan</translation>
    </message>
    <message>
        <source>合并重复投诉</source>
        <translation>Merge a repeat complaint</translation>
    </message>
    <message>
        <source>记录回访结果</source>
        <translation>Record the callback</translation>
    </message>
    <message>
        <source>告知补正</source>
        <translation>Notice of missing materials</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>初步反馈</source>
        <translation>First feedback</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>登记投诉</source>
        <translation>Register a complaint</translation>
    </message>
    <message>
        <source>新建回访计划</source>
        <translation>New callback plan</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>提出处理决定</source>
        <translation>Propose a decision</translation>
    </message>
    <message>
        <source>移交</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>拒收移交</source>
        <translation>Decline the handover</translation>
    </message>
    <message>
        <source>告知补正…</source>
        <translation>Tell what is missing…</translation>
    </message>
    <message>
        <source>材料齐全</source>
        <translation>Materials complete</translation>
    </message>
    <message>
        <source>不予受理…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <source>提出处理决定…</source>
        <translation>Propose a decision…</translation>
    </message>
    <message>
        <source>初步反馈…</source>
        <translation>First feedback…</translation>
    </message>
    <message>
        <source>办结…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>移交…</source>
        <translation>Hand over…</translation>
    </message>
    <message>
        <source>不予受理后该投诉即告终结。继续吗？</source>
        <translation>A refused complaint is closed for good. Continue?</translation>
    </message>
    <message>
        <source>投诉受理告知书</source>
        <translation>acceptance notice</translation>
    </message>
    <message>
        <source>不予受理告知书</source>
        <translation>refusal notice</translation>
    </message>
    <message>
        <source>投诉处理决定告知书</source>
        <translation>decision notice</translation>
    </message>
    <message>
        <source>确认无法回访</source>
        <translation>Confirm unreachable</translation>
    </message>
    <message>
        <source>改期</source>
        <translation>Reschedule</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <source>取消回访</source>
        <translation>Cancel the callback</translation>
    </message>
    <message>
        <source>更正回访记录</source>
        <translation>Amend the callback record</translation>
    </message>
    <message>
        <source>生成抽查回访</source>
        <translation>Make spot-check callbacks</translation>
    </message>
</context>
<context>
    <name>ManageTab</name>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>客户编号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>回访内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>计划日期</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>搜索客户（名称、拼音或编号）</source>
        <translation>Search customers (name, pinyin or number)</translation>
    </message>
    <message>
        <source>未分派</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>全部经办人</source>
        <translation>All assignees</translation>
    </message>
    <message>
        <source>确认无法回访…</source>
        <translation>Confirm unreachable…</translation>
    </message>
    <message>
        <source>改期…</source>
        <translation>Reschedule…</translation>
    </message>
    <message>
        <source>改派…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <source>取消回访…</source>
        <translation>Cancel the callback…</translation>
    </message>
    <message>
        <source>更正记录…</source>
        <translation>Amend the record…</translation>
    </message>
    <message>
        <source>生成抽查回访…</source>
        <translation>Make spot-check callbacks…</translation>
    </message>
    <message>
        <source>已生成 %1 条抽查回访；%2 条此前已生成，未重复生成。</source>
        <translation>%1 spot-check callbacks made; %2 made before were not made again.</translation>
    </message>
    <message>
        <source>报修人电话未登记或有误，未生成（请在系统管理补录或更正电话后再次生成）：%1</source>
        <translation>Left out, the applicant's phone is missing or wrong (correct it in administration, then run again): %1</translation>
    </message>
    <message>
        <source>未登记报修人的维修单未生成：%1</source>
        <translation> Repairs without an applicant were left out: %1</translation>
    </message>
    <message>
        <source>生成抽查回访</source>
        <translation>Make spot-check callbacks</translation>
    </message>
    <message>
        <source>回访管理</source>
        <translation>Callback management</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
</context>
<context>
    <name>MyCallbacksTab</name>
    <message>
        <source>导出待答问卷…</source>
        <translation>Export questionnaires awaiting answers…</translation>
    </message>
    <message>
        <source>导入问卷答卷…</source>
        <translation>Import questionnaire answers…</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>客户编号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>回访内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>计划日期</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>搜索客户（名称、拼音或编号）</source>
        <translation>Search customers (name, pinyin or number)</translation>
    </message>
    <message>
        <source>我的回访</source>
        <translation>My callbacks</translation>
    </message>
    <message>
        <source>全部未完成（含以后的）</source>
        <translation>All open (later ones too)</translation>
    </message>
    <message>
        <source>记录结果…</source>
        <translation>Record the result…</translation>
    </message>
    <message>
        <source>打印回访记录表</source>
        <translation>Print the callback record</translation>
    </message>
    <message>
        <source>今日及逾期</source>
        <translation>Today and overdue</translation>
    </message>
    <message>
        <source>请先选中一条回访。</source>
        <translation>Select a callback first.</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <source>新增客户…</source>
        <translation>New customer…</translation>
    </message>
    <message>
        <source>修改电话…</source>
        <translation>Change phone…</translation>
    </message>
    <message>
        <source>修改地址…</source>
        <translation>Change address…</translation>
    </message>
    <message>
        <source>标记重要客户…</source>
        <translation>Mark as important…</translation>
    </message>
    <message>
        <source>取消重要客户…</source>
        <translation>No longer important…</translation>
    </message>
    <message>
        <source>客户编号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>重要客户</source>
        <translation>Important</translation>
    </message>
    <message>
        <source>重要</source>
        <translation>Important</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>搜索客户（名称、拼音或首字母、编号、电话尾号）</source>
        <translation>Search customers (name, pinyin or initials, number, last digits of the phone)</translation>
    </message>
    <message>
        <source>客户档案</source>
        <translation>Customer archive</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>导入客户…</source>
        <translation>Import customers…</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Download the import template…</translation>
    </message>
    <message>
        <source>请先选中一位客户。</source>
        <translation>Select a customer first.</translation>
    </message>
    <message>
        <source>导入项目/保单…</source>
        <translation>Import projects…</translation>
    </message>
    <message>
        <source>项目导入模板…</source>
        <translation>Projects template…</translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message>
        <source>客户档案</source>
        <translation>Customer archive</translation>
    </message>
    <message>
        <source>重要客户</source>
        <translation>Important customer</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>What</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>更正记录…</source>
        <translation>Amend the record…</translation>
    </message>
</context>
<context>
    <name>_ListTab</name>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>请先选中一行。</source>
        <translation>Select a row first.</translation>
    </message>
</context>
<context>
    <name>PlansTab</name>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>回访计划</source>
        <translation>Callback plans</translation>
    </message>
    <message>
        <source>计划编号</source>
        <translation>Plan no.</translation>
    </message>
    <message>
        <source>计划名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>起</source>
        <translation>From</translation>
    </message>
    <message>
        <source>止</source>
        <translation>To</translation>
    </message>
    <message>
        <source>回访内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>搜索计划编号或名称</source>
        <translation>Search plan number or title</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>请先选中一行。</source>
        <translation>Select a row first.</translation>
    </message>
    <message>
        <source>新建计划…</source>
        <translation>New plan…</translation>
    </message>
    <message>
        <source>报批</source>
        <translation>Send for approval</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>生成回访任务</source>
        <translation>Generate callbacks</translation>
    </message>
    <message>
        <source>撤回回访计划 %1 的报批？</source>
        <translation>Withdraw callback plan %1 from approval?</translation>
    </message>
    <message>
        <source>新生成 %1 条，已有 %2 条。</source>
        <translation>%1 created, %2 there already.</translation>
    </message>
</context>
<context>
    <name>_HandoverTab</name>
    <message>
        <source>撤回移交</source>
        <translation>Withdraw the handover</translation>
    </message>
    <message>
        <source>撤回对 %1 的移交？</source>
        <translation>Withdraw the handover to %1?</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>待我接收</source>
        <translation>Awaiting my acceptance</translation>
    </message>
    <message>
        <source>别人移交给我、等我接收或拒收的投诉（首问负责制）</source>
        <translation>Complaints handed to me, waiting for me to accept or decline (first-receiver ownership)</translation>
    </message>
    <message>
        <source>合并重复…</source>
        <translation>Merge repeat…</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>投诉编号</source>
        <translation>Complaint no.</translation>
    </message>
    <message>
        <source>投诉时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>投诉人</source>
        <translation>Complainant</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>投诉内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>程序</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>搜索投诉编号、投诉人或电话</source>
        <translation>Search complaint number, complainant or phone</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>请先选中一行。</source>
        <translation>Select a row first.</translation>
    </message>
    <message>
        <source>登记投诉…</source>
        <translation>Register a complaint…</translation>
    </message>
    <message>
        <source>承办人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>接收移交</source>
        <translation>Accept the handover</translation>
    </message>
    <message>
        <source>拒收移交…</source>
        <translation>Decline the handover…</translation>
    </message>
    <message>
        <source>撤回移交</source>
        <translation>Withdraw the handover</translation>
    </message>
    <message>
        <source>撤回对 %1 的移交？</source>
        <translation>Withdraw the handover to %1?</translation>
    </message>
    <message>
        <source>打印告知书</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <source>打印%1</source>
        <translation>Print %1</translation>
    </message>
</context>
<context>
    <name>ProblemsTab</name>
    <message>
        <source>责任人</source>
        <translation>Person in charge</translation>
    </message>
    <message>
        <source>登记问题…</source>
        <translation>Register a problem…</translation>
    </message>
    <message>
        <source>问题跟踪</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>问题编号</source>
        <translation>Problem no.</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Raised</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>责任部门</source>
        <translation>Owner department</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>搜索问题编号、描述或客户</source>
        <translation>Search problem number, description or customer</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>请先选中一行。</source>
        <translation>Select a row first.</translation>
    </message>
</context>
<context>
    <name>CreditsTab</name>
    <message>
        <source>导入外出培训…</source>
        <translation>Import external training…</translation>
    </message>
    <message>
        <source>每行一份外出培训或自学学分申请，附证书扫描件；整个文件全部导入或全部不导入</source>
        <translation>One external training or self-study claim per row, with its certificate scan; the whole file is imported or nothing is</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Download import template…</translation>
    </message>
    <message>
        <source>重新计算</source>
        <translation>Compute again</translation>
    </message>
    <message>
        <source>更正登记…</source>
        <translation>Amend…</translation>
    </message>
    <message>
        <source>更正登记</source>
        <translation>Amend register</translation>
    </message>
    <message>
        <source>全学年</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <source>第一学期</source>
        <translation>First term</translation>
    </message>
    <message>
        <source>第二学期</source>
        <translation>Second term</translation>
    </message>
    <message>
        <source>计算学分登记</source>
        <translation>Compute the credit register</translation>
    </message>
    <message>
        <source>报校长审定</source>
        <translation>Send to the principal</translation>
    </message>
    <message>
        <source>导出学分登记表…</source>
        <translation>Export the credit register…</translation>
    </message>
    <message>
        <source>学分登记</source>
        <translation>Credit register</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>应参加</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>出勤</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>早退</source>
        <translation>Left early</translation>
    </message>
    <message>
        <source>请假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <source>旷课</source>
        <translation>Truancies</translation>
    </message>
    <message>
        <source>计入学时</source>
        <translation>Credited hours</translation>
    </message>
    <message>
        <source>外出及自学学时</source>
        <translation>External hours</translation>
    </message>
    <message>
        <source>学分</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>%1 人；审定在审批中心进行</source>
        <translation>%1 teachers; approved in Approvals</translation>
    </message>
    <message>
        <source>上报教育局…</source>
        <translation>Report to the education bureau…</translation>
    </message>
    <message>
        <source>已上报</source>
        <translation>reported</translation>
    </message>
    <message>
        <source>未上报教育局</source>
        <translation>Not yet reported to the education bureau</translation>
    </message>
    <message>
        <source>已上报：%1 于 %2（%3）</source>
        <translation>Reported by %1 on %2 (%3)</translation>
    </message>
    <message>
        <source>已上报 %1 人，文件：</source>
        <translation>%1 teachers reported, file:</translation>
    </message>
    <message>
        <source>正在生成上报文件…</source>
        <translation>Writing the file for the bureau…</translation>
    </message>
    <message>
        <source>上报教育局</source>
        <translation>Report to the education bureau</translation>
    </message>
    <message>
        <source>上报格式…</source>
        <translation>Export profiles…</translation>
    </message>
</context>
<context>
    <name>BureauDialog</name>
    <message>
        <source>上报教育局</source>
        <translation>Report to the education bureau</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>上报格式</source>
        <translation>Export profile</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>管理格式…</source>
        <translation>Manage profiles…</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>新增上报格式</source>
        <translation>New export profile</translation>
    </message>
    <message>
        <source>如：城关县</source>
        <translation>e.g. Chengguan County</translation>
    </message>
    <message>
        <source>选择格式时显示，如：城关县教育局学分汇总表</source>
        <translation>Shown when choosing it, e.g. Chengguan County bureau credit summary</translation>
    </message>
    <message>
        <source>从文件载入…</source>
        <translation>Load from file…</translation>
    </message>
    <message>
        <source>（不套用模板：按版式生成表头）</source>
        <translation>(no template: headers made from the layout)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>版式为 JSON：title_rows 标题行，columns 各列（field 字段与 header 多级表头），footer_rows 表尾，signatures 签名栏；套用教育局模板时给出数据起始行 start_row。与已有格式同名时，确认后替换其版式。</source>
        <translation>The layout is JSON: title_rows, columns (each a field and a header path), footer_rows, signatures; with the bureau's template give the first data row, start_row. A name already there has its layout replaced once you confirm.</translation>
    </message>
    <message>
        <source>名称*：</source>
        <translation>Name*:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>版式*：</source>
        <translation>Layout*:</translation>
    </message>
    <message>
        <source>教育局模板：</source>
        <translation>Bureau's template:</translation>
    </message>
    <message>
        <source>载入版式</source>
        <translation>Load a layout</translation>
    </message>
    <message>
        <source>教育局模板</source>
        <translation>Bureau's template</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <source>上报格式</source>
        <translation>Export profiles</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>创建人</source>
        <translation>Created by</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>Created at</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>停用原因</source>
        <translation>Reason retired</translation>
    </message>
    <message>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>停用…</source>
        <translation>Retire…</translation>
    </message>
    <message>
        <source>内置</source>
        <translation>Built-in</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>套用模板</source>
        <translation>Bureau's template</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>已停用 %1（%2）</source>
        <translation>Retired %1 (%2)</translation>
    </message>
    <message>
        <source>重新启用…</source>
        <translation>Reinstate…</translation>
    </message>
</context>
<context>
    <name>ProfileReasonDialog</name>
    <message>
        <source>停用上报格式</source>
        <translation>Retire an export profile</translation>
    </message>
    <message>
        <source>重新启用上报格式</source>
        <translation>Reinstate an export profile</translation>
    </message>
    <message>
        <source>如：县教育局自2028年起恢复使用该模板</source>
        <translation>e.g. the county bureau uses this template again from 2028</translation>
    </message>
    <message>
        <source>重新启用后可再用于上报；停用时的原因仍留在修改记录中。</source>
        <translation>A reinstated profile is used for new exports again; why it was retired stays in the change history.</translation>
    </message>
    <message>
        <source>如：县教育局自2027年起改用新模板</source>
        <translation>e.g. the county bureau uses a new template from 2027</translation>
    </message>
    <message>
        <source>停用后不能再用于上报；用它做过的上报记录仍保留其名称。</source>
        <translation>A retired profile is used for no new export; the exports made by it keep its name.</translation>
    </message>
    <message>
        <source>上报格式：</source>
        <translation>Export profile:</translation>
    </message>
    <message>
        <source>原因*：</source>
        <translation>Reason*:</translation>
    </message>
</context>
<context>
    <name>RegisterTab</name>
    <message>
        <source>导入签到表…</source>
        <translation>Import sign-in sheet…</translation>
    </message>
    <message>
        <source>导入已填写考勤的签到表：整个文件全部导入或全部不导入</source>
        <translation>Import a sign-in sheet with the marks filled in: the whole file is imported or nothing is</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Download import template…</translation>
    </message>
    <message>
        <source>活动资料…</source>
        <translation>Session materials…</translation>
    </message>
    <message>
        <source>本次教研活动的讲稿、签到表扫描、照片等资料</source>
        <translation>This session's talk, sign-in sheet scans, photos and other materials</translation>
    </message>
    <message>
        <source>开始考勤</source>
        <translation>Start the register</translation>
    </message>
    <message>
        <source>其余全部出勤</source>
        <translation>Mark the rest present</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>确认考勤</source>
        <translation>Confirm the register</translation>
    </message>
    <message>
        <source>确认后缺席记为旷课，只能由培训办更正</source>
        <translation>Once confirmed, absences become truancies; only the training office can correct them</translation>
    </message>
    <message>
        <source>教研活动</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>考勤</source>
        <translation>Mark</translation>
    </message>
    <message>
        <source>分钟</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>按键：1 出勤 · 2 迟到 · 3 早退 · 4 请假 · 5 缺席（空格 = 出勤）；迟到、早退填分钟</source>
        <translation>Keys: 1 present · 2 late · 3 left early · 4 leave · 5 absent (space = present); type the minutes for late and early</translation>
    </message>
    <message>
        <source>没有已到活动日的教研活动。</source>
        <translation>No session has reached its day yet.</translation>
    </message>
<message>
        <source>主题与主讲人…</source>
        <translation>Topic and speaker…</translation>
    </message>
    <message>
        <source>有故缺席…</source>
        <translation>Excuse…</translation>
    </message>
    <message>
        <source>教研处认定有故缺席：写明原因，可附证明文件</source>
        <translation>The training office excuses an absence: a reason, a file optional</translation>
    </message>
    <message>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>更正已确认的考勤，须写明原因；学分已报批后不能更正</source>
        <translation>Correct a confirmed mark with a reason; not once the term's credits are submitted</translation>
    </message>
    <message>
        <source>附件…</source>
        <translation>Files…</translation>
    </message>
    <message>
        <source>（未定主题）</source>
        <translation>(no topic yet)</translation>
    </message>
    <message>
        <source>主讲人：</source>
        <translation>Speaker: </translation>
    </message>
    <message>
        <source>未定</source>
        <translation>not set</translation>
    </message>
</context>
<context>
    <name>SpotCheckDialog</name>
    <message>
        <source>过程督查</source>
        <translation>Spot check</translation>
    </message>
    <message>
        <source>如：研讨充分，记录完整</source>
        <translation>e.g. a full discussion, complete notes</translation>
    </message>
    <message>
        <source>教研活动：</source>
        <translation>Session:</translation>
    </message>
    <message>
        <source>现场人数*：</source>
        <translation>Headcount*:</translation>
    </message>
    <message>
        <source>活动质量*：</source>
        <translation>Quality*:</translation>
    </message>
    <message>
        <source>督查意见：</source>
        <translation>Findings:</translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message>
        <source>督查情况说明</source>
        <translation>Spot check explanation</translation>
    </message>
    <message>
        <source>督查时现场 %1 人，考勤记出勤 %2 人。</source>
        <translation>%1 present at the spot check, %2 present in the register.</translation>
    </message>
    <message>
        <source>如：两位老师督查后到场，已记迟到</source>
        <translation>e.g. two teachers arrived after the check and are marked late</translation>
    </message>
    <message>
        <source>教研活动：</source>
        <translation>Session:</translation>
    </message>
    <message>
        <source>情况：</source>
        <translation>Found:</translation>
    </message>
    <message>
        <source>说明*：</source>
        <translation>Explanation*:</translation>
    </message>
</context>
<context>
    <name>SessionsTab</name>
    <message>
        <source>教研活动</source>
        <translation>Group sessions</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>教研组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>主讲人</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>安排</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>考勤</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>搜索主题或教研组</source>
        <translation>Search topic or group</translation>
    </message>
    <message>
        <source>全部教研组</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>打印签到表…</source>
        <translation>Print the attendance sheet…</translation>
    </message>
    <message>
        <source>调整（原定 %1）</source>
        <translation>Moved (planned %1)</translation>
    </message>
    <message>
        <source>签到表</source>
        <translation>Attendance sheet</translation>
    </message>
    <message>
        <source>请先选中一次教研活动。</source>
        <translation>Select a session first.</translation>
    </message>
    <message>
        <source>保存签到表</source>
        <translation>Save the attendance sheet</translation>
    </message>
<message>
        <source>主题与主讲人…</source>
        <translation>Topic and speaker…</translation>
    </message>
    <message>
        <source>主题与主讲人</source>
        <translation>Topic and speaker</translation>
    </message>
    <message>
        <source>过程督查…</source>
        <translation>Spot check…</translation>
    </message>
    <message>
        <source>督查情况说明…</source>
        <translation>Explain a spot check…</translation>
    </message>
    <message>
        <source>打印督查记录</source>
        <translation>Print the spot checks</translation>
    </message>
    <message>
        <source>过程督查</source>
        <translation>Spot check</translation>
    </message>
    <message>
        <source>督查情况说明</source>
        <translation>Spot check explanation</translation>
    </message>
    <message>
        <source>该次活动没有待说明的督查（现场人数与考勤相符或已说明）。</source>
        <translation>This session has no spot check to explain (the headcount matches the register or was explained).</translation>
    </message>
</context>
<context>
    <name>TeachersTab</name>
    <message>
        <source>教师名册</source>
        <translation>Teachers</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>学科</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>学段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>职称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>继续教育编号</source>
        <translation>CE no.</translation>
    </message>
    <message>
        <source>入职日期</source>
        <translation>Hired</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>搜索工号、姓名（可用拼音）</source>
        <translation>Search staff no. or name (pinyin works)</translation>
    </message>
<message>
        <source>新增教师…</source>
        <translation>New teacher…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>导入教师…</source>
        <translation>Import teachers…</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Download the import template…</translation>
    </message>
    <message>
        <source>修改教师档案</source>
        <translation>Edit the teacher's record</translation>
    </message>
    <message>
        <source>请先选中一位教师。</source>
        <translation>Select a teacher first.</translation>
    </message>
    <message>
        <source>培训档案…</source>
        <translation>Training archive…</translation>
    </message>
    <message>
        <source>培训档案</source>
        <translation>Training archive</translation>
    </message>
    <message>
        <source>教研组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>调整教研组…</source>
        <translation>Move to a group…</translation>
    </message>
    <message>
        <source>设定层级…</source>
        <translation>Set the tier…</translation>
    </message>
    <message>
        <source>教研组…</source>
        <translation>Groups…</translation>
    </message>
    <message>
        <source>调整教研组</source>
        <translation>Move to a group</translation>
    </message>
    <message>
        <source>还没有教研组；请先在「教研组…」中新增。</source>
        <translation>There is no group yet; add one under “Groups…” first.</translation>
    </message>
    <message>
        <source>设定层级</source>
        <translation>Set the tier</translation>
    </message>
</context>
<context>
    <name>TierPlansTab</name>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>应修学时</source>
        <translation>Required hours</translation>
    </message>
    <message>
        <source>应得学分</source>
        <translation>Required credits</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>编制人</source>
        <translation>Prepared by</translation>
    </message>
    <message>
        <source>编制时间</source>
        <translation>Prepared on</translation>
    </message>
    <message>
        <source>培训目标</source>
        <translation>Goals</translation>
    </message>
    <message>
        <source>新建方案…</source>
        <translation>New plan…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>报批</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>培训计划：</source>
        <translation>Plan: </translation>
    </message>
    <message>
        <source>请选择一个方案。</source>
        <translation>Select a plan.</translation>
    </message>
    <message>
        <source>修改分层培训方案</source>
        <translation>Edit a tier plan</translation>
    </message>
    <message>
        <source>新建分层培训方案</source>
        <translation>New tier plan</translation>
    </message>
    <message>
        <source>撤回%1的分层培训方案？</source>
        <translation>Withdraw the tier plan of %1?</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <source>%1%2 %3—%4，每 %5 周</source>
        <translation>%1 %2 %3—%4, every %5 weeks</translation>
    </message>
    <message>
        <source>第一学期</source>
        <translation>First term</translation>
    </message>
    <message>
        <source>第二学期</source>
        <translation>Second term</translation>
    </message>
    <message>
        <source>学年：</source>
        <translation>School year:</translation>
    </message>
    <message>
        <source>学期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>First day</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>教研活动</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>教研组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>安排</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>首次活动</source>
        <translation>First session</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>遇节假日</source>
        <translation>On a holiday</translation>
    </message>
    <message>
        <source>已生成</source>
        <translation>Generated</translation>
    </message>
    <message>
        <source>新增学期…</source>
        <translation>New term…</translation>
    </message>
    <message>
        <source>添加停课日…</source>
        <translation>Add days without sessions…</translation>
    </message>
    <message>
        <source>新建活动安排…</source>
        <translation>New session series…</translation>
    </message>
    <message>
        <source>生成活动</source>
        <translation>Generate sessions</translation>
    </message>
    <message>
        <source>放假与停课（所选学期）</source>
        <translation>Holidays and closures (selected term)</translation>
    </message>
    <message>
        <source>活动安排</source>
        <translation>Session series</translation>
    </message>
    <message>
        <source>%1学年</source>
        <translation>School year %1</translation>
    </message>
    <message>
        <source>新增学期</source>
        <translation>New term</translation>
    </message>
    <message>
        <source>添加停课日</source>
        <translation>Add days without sessions</translation>
    </message>
    <message>
        <source>请先选中一个学期。</source>
        <translation>Select a term first.</translation>
    </message>
    <message>
        <source>添加停课日 · %1</source>
        <translation>Add days without sessions · %1</translation>
    </message>
    <message>
        <source>新建活动安排</source>
        <translation>New session series</translation>
    </message>
    <message>
        <source>请先在「教师」中建立教研组。</source>
        <translation>Create a teaching-research group under Teachers first.</translation>
    </message>
    <message>
        <source>新建活动安排 · %1学年（每 %2 周一次，半天）</source>
        <translation>New session series · school year %1 (every %2 weeks, half a day)</translation>
    </message>
    <message>
        <source>已新建活动安排；点「生成活动」生成本学年的教研活动。</source>
        <translation>Series created; press Generate sessions to make this school year's sessions.</translation>
    </message>
    <message>
        <source>请先选中一项活动安排。</source>
        <translation>Select a session series first.</translation>
    </message>
    <message>
        <source>生成教研活动 %1 次（其中节假日顺延 %2 次），跳过 %3 次（停课或节假日），已有 %4 次未重复生成。</source>
        <translation>%1 sessions generated (%2 of them moved off a holiday), %3 skipped (closure or holiday), %4 already there and not made again.</translation>
    </message>
    <message>
        <source>修改学期…</source>
        <translation>Correct term…</translation>
    </message>
    <message>
        <source>删除学期</source>
        <translation>Delete term</translation>
    </message>
    <message>
        <source>删除停课日</source>
        <translation>Remove closure</translation>
    </message>
    <message>
        <source>修改活动安排…</source>
        <translation>Correct series…</translation>
    </message>
    <message>
        <source>删除活动安排</source>
        <translation>Delete series</translation>
    </message>
    <message>
        <source>修改学期</source>
        <translation>Correct term</translation>
    </message>
    <message>
        <source>修改学期 · %1</source>
        <translation>Correct term · %1</translation>
    </message>
    <message>
        <source>修改活动安排</source>
        <translation>Correct series</translation>
    </message>
    <message>
        <source>修改活动安排 · %1</source>
        <translation>Correct series · %1</translation>
    </message>
    <message>
        <source>删除%1及其停课日和尚无考勤记录的教研活动？</source>
        <translation>Delete %1 with its closures and its sessions without records?</translation>
    </message>
    <message>
        <source>已删除学期及其教研活动 %1 次。</source>
        <translation>Term deleted with %1 sessions.</translation>
    </message>
    <message>
        <source>删除停课时段 %1～%2（%3）？</source>
        <translation>Remove the closure %1 to %2 (%3)?</translation>
    </message>
    <message>
        <source>删除%1的活动安排及其已生成的教研活动？</source>
        <translation>Delete the series of %1 with its generated sessions?</translation>
    </message>
    <message>
        <source>已删除活动安排及其教研活动 %1 次。</source>
        <translation>Series deleted with %1 sessions.</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>学期与活动安排</source>
        <translation>Terms and series</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>培训管理</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>教师</source>
        <translation>Teachers</translation>
    </message>
    <message>
        <source>教研活动</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>考勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>学分</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>分层方案</source>
        <translation>Tier plans</translation>
    </message>
</context>
<context>
    <name>FiguresTab</name>
    <message>
        <source>统计季度：</source>
        <translation>Quarter:</translation>
    </message>
    <message>
        <source>客服人员回访绩效（C8）</source>
        <translation>Staff callback performance (C8)</translation>
    </message>
    <message>
        <source>季度服务质量评价（C12）</source>
        <translation>Quarterly service quality (C12)</translation>
    </message>
    <message>
        <source>解决率（%）</source>
        <translation>Resolution rate (%)</translation>
    </message>
    <message>
        <source>满意度（1–5）</source>
        <translation>Satisfaction (1–5)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>应回访</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>接通</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation>Problems raised</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>平均响应（小时）</source>
        <translation>Mean response (h)</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Breached</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../desktop/app.py" line="87" />
        <source>另一台电脑正在升级数据库，请稍候…升级完成后将自动继续。</source>
        <translation>Another desktop is upgrading the database; please wait. Houqin goes on by itself when it is done.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="92" />
        <source>正在等待数据库升级</source>
        <translation>Waiting for the database upgrade</translation>
    </message>
</context>
<context>
    <name>waiting</name>
    <message>
        <location filename="../../desktop/waiting.py" line="64" />
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../desktop/waiting.py" line="74" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/waiting.py" line="93" />
        <source>正在等待其他用户完成导入…</source>
        <translation>Waiting for another user to finish an import…</translation>
    </message>
    <message>
        <location filename="../../desktop/waiting.py" line="96" />
        <source>正在等待其他用户完成导入或保存…</source>
        <translation>Waiting for another user to finish an import or a save…</translation>
    </message>
    <message>
        <location filename="../../desktop/waiting.py" line="97" />
        <source>另一台电脑正在写入数据库。</source>
        <translation>Another computer is writing to the database.</translation>
    </message>
    <message>
        <location filename="../../desktop/waiting.py" line="100" />
        <source>已等待 %1 秒；完成后自动继续，取消则不做任何更改。</source>
        <translation>Waited %1 s; it goes on by itself when the lock is free, and Cancel changes nothing.</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>更正考勤</source>
        <translation>Correct a mark</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>如：签到表漏签，经核实实际出勤</source>
        <translation>e.g. missed on the sign-in sheet, checked: present</translation>
    </message>
    <message>
        <source>教师：</source>
        <translation>Teacher:</translation>
    </message>
    <message>
        <source>更正为*：</source>
        <translation>Correct to*:</translation>
    </message>
    <message>
        <source>迟到或早退：</source>
        <translation>Late or left early:</translation>
    </message>
    <message>
        <source>原因*：</source>
        <translation>Reason*:</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <source>证书的扫描件或照片（PDF、图片）</source>
        <translation>The certificate's scan or photo (PDF, image)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <source>证书扫描件*：</source>
        <translation>Certificate scan*:</translation>
    </message>
    <message>
        <source>选择证书扫描件</source>
        <translation>Choose the certificate's scan</translation>
    </message>
    <message>
        <source>扫描件 (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>ExcuseDialog</name>
    <message>
        <source>认定有故缺席</source>
        <translation>Excuse an absence</translation>
    </message>
    <message>
        <source>如：因病住院，附医院证明</source>
        <translation>e.g. in hospital, the hospital's note attached</translation>
    </message>
    <message>
        <source>（可不附）</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <source>教师：</source>
        <translation>Teacher:</translation>
    </message>
    <message>
        <source>原因*：</source>
        <translation>Reason*:</translation>
    </message>
    <message>
        <source>证明文件：</source>
        <translation>Supporting file:</translation>
    </message>
    <message>
        <source>选择证明文件</source>
        <translation>Choose the supporting file</translation>
    </message>
</context>
<context>
    <name>TeacherDialog</name>
    <message>
        <source>新增教师</source>
        <translation>New teacher</translation>
    </message>
    <message>
        <source>修改教师档案</source>
        <translation>Edit the teacher's record</translation>
    </message>
    <message>
        <source>起始</source>
        <translation>From</translation>
    </message>
    <message>
        <source>教研组 / 层次</source>
        <translation>Group / tier</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>教研组与层次历史</source>
        <translation>Group and tier history</translation>
    </message>
    <message>
        <source>教研组和层次按日期记历史，不在此修改：在教师列表用「调整教研组…」「设定层级…」登记。</source>
        <translation>Group and tier are dated history, not edited here: record them with “Move to a group…” and “Set the tier…” in the teachers list.</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>新增教研组</source>
        <translation>New teaching-research group</translation>
    </message>
</context>
<context>
    <name>LeaderDialog</name>
    <message>
        <source>%1：从本组教师中选择；留空则不设组长。</source>
        <translation>%1: choose among the group's teachers; leave it empty for no leader.</translation>
    </message>
    <message>
        <source>设组长</source>
        <translation>Set the group leader</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>调整教研组</source>
        <translation>Move to a group</translation>
    </message>
    <message>
        <source>目前不在任何教研组</source>
        <translation>in no group at present</translation>
    </message>
    <message>
        <source>目前在 %1（自 %2 起）</source>
        <translation>now in %1 (since %2)</translation>
    </message>
</context>
<context>
    <name>TierDialog</name>
    <message>
        <source>设定层级</source>
        <translation>Set the tier</translation>
    </message>
    <message>
        <source>%1 学年尚未定层级</source>
        <translation>no tier yet for %1</translation>
    </message>
    <message>
        <source>%1 学年：%2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>GroupsDialog</name>
    <message>
        <source>教研组名单</source>
        <translation>Teaching-research groups</translation>
    </message>
    <message>
        <source>教研组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>学科</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>组长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>在职人数</source>
        <translation>Teachers in service</translation>
    </message>
    <message>
        <source>新增教研组…</source>
        <translation>New group…</translation>
    </message>
    <message>
        <source>设组长…</source>
        <translation>Set the leader…</translation>
    </message>
    <message>
        <source>人数为今天在教研组的在职教师；调组在教师列表「调整教研组…」。</source>
        <translation>The count is the group's teachers in service today; move a teacher with “Move to a group…” in the teachers list.</translation>
    </message>
    <message>
        <source>设组长</source>
        <translation>Set the group leader</translation>
    </message>
    <message>
        <source>%1 还没有教师；请先在教师列表用「调整教研组…」调入。</source>
        <translation>%1 has no teachers yet; move some in with “Move to a group…” in the teachers list first.</translation>
    </message>
</context>
<context>
    <name>TopicDialog</name>
    <message>
        <source>主题与主讲人</source>
        <translation>Topic and speaker</translation>
    </message>
    <message>
        <source>如：大单元教学设计</source>
        <translation>e.g. designing a large unit</translation>
    </message>
    <message>
        <source>教研活动：</source>
        <translation>Session:</translation>
    </message>
    <message>
        <source>主题*：</source>
        <translation>Topic*:</translation>
    </message>
    <message>
        <source>主讲人*：</source>
        <translation>Main speaker*:</translation>
    </message>
</context>
<context>
    <name>RequestWindow</name>
    <message>
        <source>修改后重新提交…</source>
        <translation>Correct and resubmit…</translation>
    </message>
    <message>
        <source>按退回意见修改后，再次送教研处审批</source>
        <translation>Correct it as the returning comment asks and send it to the training office again</translation>
    </message>
</context>
<context>
    <name>LeaveWindow</name>
    <message>
        <source>修改后重新提交请假</source>
        <translation>Correct and resubmit the leave request</translation>
    </message>
</context>
<context>
    <name>ClaimWindow</name>
    <message>
        <source>修改后重新提交学分申请</source>
        <translation>Correct and resubmit the claim</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <source>学年：</source>
        <translation>School year:</translation>
    </message>
    <message>
        <source>出勤率（按教研组、月份，已确认的考勤）</source>
        <translation>Attendance rate by group and month (confirmed registers)</translation>
    </message>
    <message>
        <source>学分与目标（按层级）</source>
        <translation>Credits against target, by tier</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Teachers</translation>
    </message>
    <message>
        <source>应得学分</source>
        <translation>Target credits</translation>
    </message>
    <message>
        <source>平均学分</source>
        <translation>Mean credits</translation>
    </message>
    <message>
        <source>达标人数</source>
        <translation>Reaching it</translation>
    </message>
</context>
<context>
    <name>ArchiveWindow</name>
    <message>
        <source>我的培训档案</source>
        <translation>My training record</translation>
    </message>
    <message>
        <source>打印/导出 PDF…</source>
        <translation>Print / export PDF…</translation>
    </message>
    <message>
        <source>本学年的教师培训档案，预览后打印或另存为 PDF</source>
        <translation>This school year's training record: preview, then print it or save it as a PDF</translation>
    </message>
    <message>
        <source>本层次应得学分 %1</source>
        <translation>Credits required of his tier: %1</translation>
    </message>
    <message>
        <source>，已达到</source>
        <translation>, reached</translation>
    </message>
    <message>
        <source>，还差 %1</source>
        <translation>, %1 still to earn</translation>
    </message>
    <message>
        <source>培训档案</source>
        <translation>Training archive</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>教研组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>考勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>培训机构</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>起止</source>
        <translation>From – to</translation>
    </message>
    <message>
        <source>选中一条成长记录，查看其文件。</source>
        <translation>Select a growth record to see its files.</translation>
    </message>
    <message>
        <source>添加成长记录…</source>
        <translation>Add growth record…</translation>
    </message>
    <message>
        <source>作废此记录…</source>
        <translation>Void record…</translation>
    </message>
    <message>
        <source>学年：</source>
        <translation>School year:</translation>
    </message>
    <message>
        <source>成长档案</source>
        <translation>Growth record</translation>
    </message>
    <message>
        <source>教研活动与考勤</source>
        <translation>Sessions and attendance</translation>
    </message>
    <message>
        <source>认定的外出培训与自学</source>
        <translation>Recognised external training and self-study</translation>
    </message>
    <message>
        <source>层次：</source>
        <translation>Tier: </translation>
    </message>
    <message>
        <source>教研组：</source>
        <translation>Group: </translation>
    </message>
    <message>
        <source>本学年尚无审定的学分登记。</source>
        <translation>No credit register of this school year is approved yet.</translation>
    </message>
    <message>
        <source>审定学分登记：校本学时 %1，外出与自学学时 %2，学分 %3</source>
        <translation>Approved credit register: school-based hours %1, external and self-study hours %2, credits %3</translation>
    </message>
    <message>
        <source>作废成长记录</source>
        <translation>Void growth record</translation>
    </message>
    <message>
        <source>作废「%1」的原因：</source>
        <translation>Reason for voiding “%1”:</translation>
    </message>
</context>
<context>
    <name>GrowthDialog</name>
    <message>
        <source>添加成长记录</source>
        <translation>Add growth record</translation>
    </message>
    <message>
        <source>如：《大单元教学》县级公开课</source>
        <translation>e.g. county open lesson on unit teaching</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（可不附）</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>教师：</source>
        <translation>Teacher:</translation>
    </message>
    <message>
        <source>类别*：</source>
        <translation>Kind*:</translation>
    </message>
    <message>
        <source>名称*：</source>
        <translation>Title*:</translation>
    </message>
    <message>
        <source>级别：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>日期*：</source>
        <translation>Date*:</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>选择文件</source>
        <translation>Choose file</translation>
    </message>
</context>
<context>
    <name>ReceiptsTab</name>
    <message>
        <source>来电来访</source>
        <translation>Calls and visits</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>登记编号</source>
        <translation>Register no.</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>来电来访人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>首问人</source>
        <translation>First receiver</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>待接收人</source>
        <translation>Handed to</translation>
    </message>
    <message>
        <source>搜索来电来访人、电话或登记编号</source>
        <translation>Search caller, phone or register no.</translation>
    </message>
    <message>
        <source>我负责的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>我是负责人的登记：首问于我、或我已接收移交的（首问负责制）</source>
        <translation>Requests I own: received first by me, or handed to me and accepted (first-receiver ownership)</translation>
    </message>
    <message>
        <source>待我接收</source>
        <translation>Awaiting my acceptance</translation>
    </message>
    <message>
        <source>别人移交给我、等我接收或拒收的登记（首问负责制）</source>
        <translation>Requests handed to me, waiting for me to accept or decline (first-receiver ownership)</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>登记来电来访…</source>
        <translation>Register a call or visit…</translation>
    </message>
    <message>
        <source>移交…</source>
        <translation>Hand over…</translation>
    </message>
    <message>
        <source>办结…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>接收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>拒收…</source>
        <translation>Decline…</translation>
    </message>
    <message>
        <source>撤回移交</source>
        <translation>Withdraw handover</translation>
    </message>
    <message>
        <source>撤回对 %1 的移交？</source>
        <translation>Withdraw the handover to %1?</translation>
    </message>
    <message>
        <source>含投诉</source>
        <translation>With complaints</translation>
    </message>
    <message>
        <source>同时列出投诉（投诉的受理、移交和办结在「投诉」页办理）</source>
        <translation>List the complaints too (a complaint is accepted, handed over and closed on the Complaints tab)</translation>
    </message>
</context>
<context>
    <name>ProblemsEditor</name>
    <message>
        <source>责任人（可不填）</source>
        <translation>Person in charge (optional)</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>责任部门</source>
        <translation>Owning department</translation>
    </message>
    <message>
        <source>添加问题</source>
        <translation>Add a problem</translation>
    </message>
    <message>
        <source>删除所选问题</source>
        <translation>Remove the selected problem</translation>
    </message>
</context>
<context>
    <name>RaiseProblemDialog</name>
    <message>
        <source>输入客户名称、拼音或客户编号</source>
        <translation>Type the customer's name, pinyin or number</translation>
    </message>
    <message>
        <source>发现问题的回访*：</source>
        <translation>Callback that found it*:</translation>
    </message>
    <message>
        <source>责任部门*：</source>
        <translation>Owning department*:</translation>
    </message>
    <message>
        <source>责任人：</source>
        <translation>Person in charge:</translation>
    </message>
    <message>
        <source>可不填：整个部门负责。</source>
        <translation>Optional: the whole department owns it.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>客户签字的回访记录扫描件（PDF、图片）</source>
        <translation>The customer's signed record, scanned (PDF, image)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <source>选择签字回访记录的扫描件</source>
        <translation>Choose the scan of the signed record</translation>
    </message>
    <message>
        <source>扫描件 (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>签字记录扫描件：</source>
        <translation>Signed record scan:</translation>
    </message>
    <message>
        <source>发现的问题：</source>
        <translation>Problems found:</translation>
    </message>
</context>
<context>
    <name>SessionMaterialsDialog</name>
    <message>
        <source>活动资料</source>
        <translation>Session materials</translation>
    </message>
    <message>
        <source>添加资料…</source>
        <translation>Add material…</translation>
    </message>
    <message>
        <source>资料类别</source>
        <translation>Kind of material</translation>
    </message>
    <message>
        <source>添加活动资料</source>
        <translation>Add a session material</translation>
    </message>
</context>
<context>
    <name>Rescheduled</name>
    <message>
        <source>改期 %1 次</source>
        <translation>%1 moved</translation>
    </message>
    <message>
        <source>取消 %1 次</source>
        <translation>%1 cancelled</translation>
    </message>
    <message>
        <source>恢复 %1 次</source>
        <translation>%1 restored</translation>
    </message>
    <message>
        <source>删除学期外的 %1 次</source>
        <translation>%1 outside the terms removed</translation>
    </message>
    <message>
        <source>%1 次已有考勤记录，未改动：%2</source>
        <translation>%1 with register records left as they were: %2</translation>
    </message>
    <message>
        <source>新生成 %1 次</source>
        <translation>%1 newly generated</translation>
    </message>
    <message>
        <source>已生成的教研活动无需调整。</source>
        <translation>No generated session needed a change.</translation>
    </message>
    <message>
        <source>已生成的教研活动：</source>
        <translation>Generated sessions: </translation>
    </message>
</context>
</TS>